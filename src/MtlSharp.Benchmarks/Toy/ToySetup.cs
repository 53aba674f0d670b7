namespace MtlSharp.Benchmarks.Toy;

/// <summary>A start point of the toy problem.</summary>
public sealed record ToyStart(double X1, double X2);

/// <summary>
/// One published configuration of the toy experiment: scale of f1, start points, number of Adam
/// iterations and learning rate.
/// </summary>
/// <param name="Name">Command-line name ("cagrad" or "nash-mtl").</param>
/// <param name="FirstObjectiveScale">Factor on f1.</param>
/// <param name="Starts">Start points, in the order of the authors' code.</param>
/// <param name="Iterations">Adam steps per start.</param>
/// <param name="LearningRate">Adam learning rate.</param>
public sealed record ToySetup(string Name, double FirstObjectiveScale, IReadOnlyList<ToyStart> Starts, int Iterations, double LearningRate)
{
    /// <summary>
    /// CAGrad's setup (toy.py of Cranial-XIX/CAGrad): f1 unscaled, starts (-8.5, 7.5), (-8.5, -5) and
    /// (9, 9), 100,000 Adam steps with learning rate 0.001.
    /// </summary>
    public static ToySetup CAGrad { get; } = new(
        "cagrad",
        1.0,
        new[] { new ToyStart(-8.5, 7.5), new ToyStart(-8.5, -5), new ToyStart(9, 9) },
        100_000,
        1e-3);

    /// <summary>
    /// Nash-MTL's setup (experiments/toy/trainer.py of AvivNavon/nash-mtl): f1 scaled by 0.1, starts
    /// (-8.5, 7.5), (0, 0), (9, 9), (-7.5, -0.5) and (9, -1), 35,000 Adam steps with learning rate 0.001.
    /// </summary>
    public static ToySetup NashMtl { get; } = new(
        "nash-mtl",
        0.1,
        new[] { new ToyStart(-8.5, 7.5), new ToyStart(0, 0), new ToyStart(9, 9), new ToyStart(-7.5, -0.5), new ToyStart(9, -1) },
        35_000,
        1e-3);

    /// <summary>Both published setups.</summary>
    public static IReadOnlyList<ToySetup> All { get; } = new[] { CAGrad, NashMtl };

    /// <summary>Returns the setup named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such setup; the message lists the valid names.</exception>
    public static ToySetup Get(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown toy setup '{name}'. Valid setups: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (!(FirstObjectiveScale > 0) || !double.IsFinite(FirstObjectiveScale))
        {
            throw new ArgumentOutOfRangeException(nameof(FirstObjectiveScale), FirstObjectiveScale, "The scale of f1 must be a positive finite number.");
        }

        if (Starts.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Starts), Starts.Count, "At least one start point is needed.");
        }

        if (Iterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be at least 1.");
        }

        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Learning rate must be a positive finite number such as 1e-3.");
        }
    }
}
