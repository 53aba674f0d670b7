namespace MtlSharp.Aggregation;

/// <summary>How MGDA scales each task gradient before the min-norm problem (the normalizers of Sener and Koltun's code).</summary>
public enum MgdaNormalization
{
    /// <summary>No scaling: ĝ_i = g_i.</summary>
    None,

    /// <summary>Unit gradients: ĝ_i = g_i / ‖g_i‖.</summary>
    L2,

    /// <summary>Divide by the loss: ĝ_i = g_i / L_i. Losses must be positive.</summary>
    Loss,

    /// <summary>Divide by the loss times the gradient norm: ĝ_i = g_i / (L_i ‖g_i‖). Losses must be positive.</summary>
    LossPlus,
}
