using MtlSharp.Architectures;
using MtlSharp.Tasks;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Evaluation;

/// <summary>Computes every task's metrics of a model on one split, with one dispose scope per batch.</summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="model"/> in evaluation mode without gradients, then restores its training mode.</summary>
    public static TaskMetrics Evaluate(MultiTaskModel model, IReadOnlyList<TaskSpec> tasks, MultiTaskDataset data, int batchSize)
    {
        bool wasTraining = model.training;
        model.eval();
        var accumulators = tasks.Select(t => t.CreateAccumulator()).ToArray();

        using (torch.no_grad())
        {
            foreach (torch.Tensor indices in data.BatchIndices(batchSize, shuffle: null))
            {
                using var scope = torch.NewDisposeScope();
                indices.MoveToOtherDisposeScope(scope);
                var (input, targets) = data.Gather(indices);
                var outputs = model.Decode(model.Encode(input));
                for (int i = 0; i < tasks.Count; i++)
                {
                    accumulators[i].Update(outputs[i], targets[i]);
                }
            }
        }

        model.train(wasTraining);
        var values = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        for (int i = 0; i < tasks.Count; i++)
        {
            values[tasks[i].Name] = accumulators[i].Compute();
        }

        return new TaskMetrics(values);
    }
}
