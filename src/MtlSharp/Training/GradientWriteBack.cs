using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Training;

/// <summary>Adds computed gradients to parameters' <c>.grad</c>, whether or not a gradient is defined yet.</summary>
internal static class GradientWriteBack
{
    /// <summary>
    /// Adds <paramref name="gradient"/> (any shape with the parameter's element count) to the gradient of
    /// <paramref name="parameter"/>. A parameter that no backward pass has reached yet has an undefined
    /// gradient; it receives a copy, so the optimizer never finds a missing gradient for it.
    /// </summary>
    public static void Accumulate(Parameter parameter, torch.Tensor gradient)
    {
        using var noGrad = torch.no_grad();
        torch.Tensor shaped = gradient.reshape(parameter.shape).to(parameter.dtype, parameter.device);

        torch.Tensor? current = parameter.grad;
        if (current is null)
        {
            parameter.grad = shaped.clone();
        }
        else
        {
            current.add_(shaped);
        }
    }

    /// <summary>
    /// Splits a flat direction [P] along <paramref name="layout"/> and adds each block to the gradient of
    /// the parameter it belongs to.
    /// </summary>
    public static void AccumulateDirection(IReadOnlyList<Parameter> parameters, JacobianLayout layout, torch.Tensor direction)
    {
        for (int n = 0; n < parameters.Count; n++)
        {
            JacobianBlock block = layout.Blocks[n];
            Accumulate(parameters[n], direction.narrow(0, block.Offset, block.Length));
        }
    }
}
