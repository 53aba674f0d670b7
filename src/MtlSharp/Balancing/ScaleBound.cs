using Microsoft.Extensions.Logging;
using MtlSharp.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Balancing;

/// <summary>Checks learnable log scales against their bound, warns once per task and counts every step at the bound.</summary>
internal static class ScaleBound
{
    public static void Check(Parameter scales, double bound, bool lower, bool[] warned, string method, string eventKind, StepContext context)
    {
        double[] values;
        using (torch.no_grad())
        {
            values = scales.detach().to_type(torch.float64).data<double>().ToArray();
        }

        bool atBound = false;
        for (int i = 0; i < values.Length; i++)
        {
            bool beyond = lower ? values[i] < bound : values[i] > bound;
            if (!beyond)
            {
                continue;
            }

            atBound = true;
            if (!warned[i])
            {
                warned[i] = true;
                context.Logger.LogWarning(
                    "{Method}: the log scale of task '{Task}' reached its bound {Bound} at step {Step} (value {Value}). Its loss is near zero, so its weight is capped.",
                    method, context.Tasks[i].Name, bound, context.Step, values[i]);
            }
        }

        if (atBound)
        {
            context.Diagnostics.Count(eventKind);
        }
    }
}
