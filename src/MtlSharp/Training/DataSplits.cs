namespace MtlSharp.Training;

/// <summary>Training, validation and test splits of a benchmark.</summary>
/// <param name="Train">Training split.</param>
/// <param name="Validation">Validation split held out from the training data, or null when the benchmark has none.</param>
/// <param name="Test">Test split.</param>
public sealed record DataSplits(MultiTaskDataset Train, MultiTaskDataset? Validation, MultiTaskDataset Test) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test.Dispose();
    }
}
