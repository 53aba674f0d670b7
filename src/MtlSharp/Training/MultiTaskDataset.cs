using TorchSharp;

namespace MtlSharp.Training;

/// <summary>
/// An in-memory split: inputs [N, ...] and one target tensor [N, ...] per task, in task order.
/// The dataset owns its tensors; dispose it when the run ends.
/// </summary>
public sealed class MultiTaskDataset : IDisposable
{
    /// <summary>Wraps the tensors after checking that every target has N rows.</summary>
    public MultiTaskDataset(torch.Tensor inputs, IReadOnlyList<torch.Tensor> targets)
    {
        if (targets.Count == 0)
        {
            throw new ArgumentException("A multi-task dataset needs at least one target tensor.", nameof(targets));
        }

        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i].shape[0] != inputs.shape[0])
            {
                throw new ArgumentException($"Target {i} has {targets[i].shape[0]} rows but the inputs have {inputs.shape[0]}.", nameof(targets));
            }
        }

        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>Inputs [N, ...].</summary>
    public torch.Tensor Inputs { get; }

    /// <summary>Targets of each task [N, ...].</summary>
    public IReadOnlyList<torch.Tensor> Targets { get; }

    /// <summary>Number of samples N.</summary>
    public long Count => Inputs.shape[0];

    /// <summary>Returns a dataset with the same inputs and only the targets of the given tasks; it shares the tensors.</summary>
    public MultiTaskDataset SelectTasks(IReadOnlyList<int> tasks) =>
        new(Inputs.alias(), tasks.Select(t => Targets[t].alias()).ToArray());

    /// <summary>Number of batches of size <paramref name="batchSize"/>, the last one possibly smaller.</summary>
    public int BatchCount(int batchSize) => (int)((Count + batchSize - 1) / batchSize);

    /// <summary>
    /// Returns the sample indices of every batch: a permutation drawn from <paramref name="shuffle"/>, or
    /// the natural order when it is null. The index tensors belong to the caller.
    /// </summary>
    public IEnumerable<torch.Tensor> BatchIndices(int batchSize, torch.Generator? shuffle)
    {
        using torch.Tensor order = shuffle is null
            ? torch.arange(Count, dtype: torch.int64)
            : torch.randperm(Count, generator: shuffle, dtype: torch.int64);
        for (long start = 0; start < Count; start += batchSize)
        {
            long length = Math.Min(batchSize, Count - start);

            // The iterator runs outside the caller's per-batch dispose scope, so the view is disposed here.
            torch.Tensor batch;
            using (torch.Tensor view = order.narrow(0, start, length))
            {
                batch = view.clone();
            }

            yield return batch;
        }
    }

    /// <summary>Returns the inputs and targets of the samples at <paramref name="indices"/>.</summary>
    public (torch.Tensor Input, torch.Tensor[] Targets) Gather(torch.Tensor indices) =>
        (Inputs.index_select(0, indices), Targets.Select(t => t.index_select(0, indices)).ToArray());

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        foreach (torch.Tensor target in Targets)
        {
            target.Dispose();
        }
    }
}
