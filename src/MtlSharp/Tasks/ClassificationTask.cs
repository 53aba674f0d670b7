using TorchSharp;

namespace MtlSharp.Tasks;

/// <summary>Builds the usual classification task: cross-entropy loss and top-1 accuracy as its KPI.</summary>
public static class ClassificationTask
{
    /// <summary>Creates a task named <paramref name="name"/> whose head outputs logits [B, C].</summary>
    public static TaskSpec Create(string name) => new(
        name,
        new[] { new MetricSpec(ClassificationAccuracy.MetricName, MetricDirection.HigherIsBetter) },
        ClassificationAccuracy.MetricName,
        (output, target) => torch.nn.functional.cross_entropy(output, target),
        () => new ClassificationAccuracy());
}
