using TorchSharp;

namespace MtlSharp.Aggregation;

/// <summary>Random orders of the other tasks, drawn from the run's generator so that runs are reproducible.</summary>
internal static class TaskOrder
{
    /// <summary>Returns the tasks other than <paramref name="task"/> in a random order.</summary>
    public static int[] OthersShuffled(int taskCount, int task, torch.Generator generator)
    {
        int[] others = Enumerable.Range(0, taskCount).Where(j => j != task).ToArray();
        if (others.Length < 2)
        {
            return others;
        }

        using torch.Tensor permutation = torch.randperm(others.Length, generator: generator);
        return permutation.data<long>().ToArray().Select(p => others[p]).ToArray();
    }
}
