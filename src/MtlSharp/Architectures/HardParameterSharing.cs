using TorchSharp;
using TorchSharp.Modules;

namespace MtlSharp.Architectures;

/// <summary>
/// Hard parameter sharing (Caruana, 1997): one shared encoder and one head per task.
/// </summary>
public sealed class HardParameterSharing : MultiTaskModel
{
    private readonly torch.nn.Module<torch.Tensor, torch.Tensor> encoder;
    private readonly ModuleList<torch.nn.Module<torch.Tensor, torch.Tensor>> heads;

    /// <summary>Builds the model from an encoder and at least one head.</summary>
    public HardParameterSharing(torch.nn.Module<torch.Tensor, torch.Tensor> encoder, IReadOnlyList<torch.nn.Module<torch.Tensor, torch.Tensor>> heads)
        : base(nameof(HardParameterSharing))
    {
        if (heads.Count == 0)
        {
            throw new ArgumentException("Hard parameter sharing needs at least one task head.", nameof(heads));
        }

        this.encoder = encoder;
        this.heads = torch.nn.ModuleList(heads.ToArray());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override int TaskCount => heads.Count;

    /// <inheritdoc />
    public override torch.Tensor Encode(torch.Tensor input) => encoder.call(input);

    /// <inheritdoc />
    public override IReadOnlyList<torch.Tensor> Decode(torch.Tensor representation) =>
        heads.Select(head => head.call(representation)).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> SharedParameters() => encoder.parameters().ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<Parameter> TaskParameters(int task) => heads[task].parameters().ToArray();
}
