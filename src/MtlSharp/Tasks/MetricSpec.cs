namespace MtlSharp.Tasks;

/// <summary>A metric name as printed in the papers' tables, with its direction.</summary>
/// <param name="Name">Name such as "Acc", "mIoU" or "AbsErr".</param>
/// <param name="Direction">Which way the metric improves.</param>
public sealed record MetricSpec(string Name, MetricDirection Direction);
