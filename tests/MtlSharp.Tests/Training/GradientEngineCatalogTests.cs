using Microsoft.Extensions.Logging.Abstractions;
using MtlSharp.Evaluation;
using MtlSharp.Training;
using TorchSharp;

namespace MtlSharp.Tests.Training;

public sealed class GradientEngineCatalogTests
{
    // Every registered gradient aggregator, in every mode it declares, runs a few SGD steps through the
    // engine on the small regression problem with default options and leaves finite gradients.
    [Fact]
    public void EveryAggregatorRunsInItsModes()
    {
        var failures = new List<string>();
        foreach (MethodDefinition definition in MethodRegistry.All.Where(m => m.Family == MethodFamily.GradientAggregation))
        {
            foreach (GradientMode mode in definition.Modes)
            {
                string? failure = RunSteps(definition, mode);
                if (failure is not null)
                {
                    failures.Add($"{definition.Name} ({mode}): {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? RunSteps(MethodDefinition definition, GradientMode mode)
    {
        var (model, input, targets) = EngineFixtures.Problem(seed: 21);
        var environment = new MethodEnvironment(EngineFixtures.Tasks(targets.Count), (BaselineSet?)null, 0, NullLogger.Instance);
        IMultiTaskMethod method = definition.Create(MethodOptions.Resolve(definition, new Dictionary<string, string>()), environment);
        IBackwardPass backward = BackwardPass.For(method, mode);
        using var optimizer = torch.optim.SGD(model.parameters().Concat(method.Parameters), 0.01);

        for (int step = 0; step < 3; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            StepOutcome outcome = backward.Run(model, input, targets, EngineFixtures.Context(step: step));

            if (outcome.Losses.isnan().any().item<bool>())
            {
                return $"non-finite losses at step {step}";
            }

            if (outcome.Weights is torch.Tensor weights && !weights.isfinite().all().item<bool>())
            {
                return $"non-finite weights at step {step}";
            }

            if (model.SharedParameters().Any(p => p.grad is null))
            {
                return $"a shared parameter has no gradient after step {step}";
            }

            foreach (var (name, parameter) in model.named_parameters())
            {
                if (parameter.grad is torch.Tensor gradient && !gradient.isfinite().all().item<bool>())
                {
                    return $"non-finite gradient of {name} at step {step}";
                }
            }

            optimizer.step();
        }

        return null;
    }
}
