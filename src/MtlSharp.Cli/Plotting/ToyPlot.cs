using System.Globalization;
using MtlSharp.Benchmarks.Toy;
using SkiaSharp;
using TorchSharp;

namespace MtlSharp.Cli.Plotting;

/// <summary>
/// Draws toy-problem trajectories as a PNG with one row per method. The left panel shows the parameter
/// space with contours of the mean objective (f1 + f2)/2, the Pareto set and the paths. The right panel
/// shows the objective space with the Pareto front and the paths of (f1, f2). Start points are black dots,
/// and end points are dots in the method's color.
/// </summary>
public static class ToyPlot
{
    private const int PanelSize = 360;
    private const int MarginLeft = 56;
    private const int MarginRight = 20;
    private const int MarginTop = 32;
    private const int MarginBottom = 44;
    private const int HeaderHeight = 36;
    private const int CellWidth = MarginLeft + PanelSize + MarginRight;
    private const int CellHeight = MarginTop + PanelSize + MarginBottom;
    private const double ParameterLimit = 10;
    private const int GridSize = 200;
    private const int ContourLevels = 14;

    // Matplotlib's tab10 palette: distinct colors for up to ten methods, repeated beyond.
    private static readonly SKColor[] MethodColors =
    {
        SKColor.Parse("#1f77b4"), SKColor.Parse("#ff7f0e"), SKColor.Parse("#d62728"), SKColor.Parse("#9467bd"),
        SKColor.Parse("#8c564b"), SKColor.Parse("#e377c2"), SKColor.Parse("#2ca02c"), SKColor.Parse("#7f7f7f"),
        SKColor.Parse("#bcbd22"), SKColor.Parse("#17becf"),
    };

    // Anchors of the viridis color map, from low to high values.
    private static readonly SKColor[] Viridis =
    {
        SKColor.Parse("#440154"), SKColor.Parse("#3b528b"), SKColor.Parse("#21918c"), SKColor.Parse("#5ec962"), SKColor.Parse("#fde725"),
    };

    private static readonly SKColor ParetoColor = SKColor.Parse("#72727A");

    /// <summary>Renders the figure and writes it to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void Write(string path, ToyProblem problem, string title, IReadOnlyList<ToyRun> runs)
    {
        byte[] png = Render(problem, title, runs);

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, png);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Renders the figure as PNG bytes.</summary>
    public static byte[] Render(ToyProblem problem, string title, IReadOnlyList<ToyRun> runs)
    {
        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one method's run is needed to draw the toy figure.", nameof(runs));
        }

        using var typeface = LoadTypeface();
        using var bitmap = new SKBitmap(2 * CellWidth, HeaderHeight + runs.Count * CellHeight);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);

        using var titlePaint = TextPaint(typeface, 18, SKColors.Black);
        canvas.DrawText(title, MarginLeft, 24, titlePaint);

        double[,] meanObjective = MeanObjectiveGrid(problem);
        using SKBitmap heatmap = Heatmap(meanObjective, out double[] levels);
        IReadOnlyList<(double X1, double X2)> paretoSet = ToyParetoSet.Points(200);
        IReadOnlyList<(double F1, double F2)> paretoFront = paretoSet.Select(p => problem.Evaluate(p.X1, p.X2)).ToArray();
        Bounds objectiveBounds = ObjectiveBounds(paretoFront, runs);

        for (int row = 0; row < runs.Count; row++)
        {
            SKColor color = MethodColors[row % MethodColors.Length];
            float top = HeaderHeight + row * CellHeight + MarginTop;

            var parameterPanel = new Panel(SKRect.Create(MarginLeft, top, PanelSize, PanelSize), new Bounds(-ParameterLimit, ParameterLimit, -ParameterLimit, ParameterLimit));
            DrawParameterPanel(canvas, typeface, parameterPanel, heatmap, meanObjective, levels, paretoSet, runs[row], color);

            var objectivePanel = new Panel(SKRect.Create(CellWidth + MarginLeft, top, PanelSize, PanelSize), objectiveBounds);
            DrawObjectivePanel(canvas, typeface, objectivePanel, paretoFront, runs[row], color);
        }

        using SKImage image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawParameterPanel(
        SKCanvas canvas,
        SKTypeface typeface,
        Panel panel,
        SKBitmap heatmap,
        double[,] meanObjective,
        double[] levels,
        IReadOnlyList<(double X1, double X2)> paretoSet,
        ToyRun run,
        SKColor color)
    {
        canvas.Save();
        canvas.ClipRect(panel.Area);
        canvas.DrawBitmap(heatmap, panel.Area);
        DrawContours(canvas, panel, meanObjective, levels);
        DrawPolyline(canvas, panel, paretoSet.Select(p => (p.X1, p.X2)), ParetoColor, 6, halo: false);
        foreach (ToyTrajectory trajectory in run.Trajectories)
        {
            DrawPath(canvas, panel, trajectory.Points.Select(p => (p.X1, p.X2)).ToArray(), color);
        }

        canvas.Restore();
        DrawFrame(canvas, typeface, panel, $"{run.Method}: parameter space, contours of (f1 + f2)/2", "x1", "x2");
    }

    private static void DrawObjectivePanel(SKCanvas canvas, SKTypeface typeface, Panel panel, IReadOnlyList<(double F1, double F2)> paretoFront, ToyRun run, SKColor color)
    {
        canvas.Save();
        canvas.ClipRect(panel.Area);
        DrawPolyline(canvas, panel, paretoFront.Select(p => (p.F1, p.F2)), ParetoColor, 6, halo: false);
        foreach (ToyTrajectory trajectory in run.Trajectories)
        {
            DrawPath(canvas, panel, trajectory.Points.Select(p => (p.F1, p.F2)).ToArray(), color);
        }

        canvas.Restore();
        DrawFrame(canvas, typeface, panel, $"{run.Method}: objective space, gray = Pareto front", "f1", "f2");
    }

    private static void DrawPath(SKCanvas canvas, Panel panel, (double X, double Y)[] points, SKColor color)
    {
        DrawPolyline(canvas, panel, points, color, 2.5f, halo: true);

        using var startPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var endPaint = new SKPaint { Color = color, IsAntialias = true };
        using var borderPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f };
        if (points.Length > 0 && IsFinite(points[0]))
        {
            canvas.DrawCircle(panel.ToPixel(points[0]), 5, startPaint);
        }

        if (points.Length > 1 && IsFinite(points[^1]))
        {
            SKPoint end = panel.ToPixel(points[^1]);
            canvas.DrawCircle(end, 5, endPaint);
            canvas.DrawCircle(end, 5, borderPaint);
        }
    }

    private static void DrawPolyline(SKCanvas canvas, Panel panel, IEnumerable<(double X, double Y)> points, SKColor color, float width, bool halo)
    {
        using var path = new SKPath();
        bool started = false;
        foreach (var point in points.Where(IsFinite))
        {
            SKPoint pixel = panel.ToPixel(point);
            if (started)
            {
                path.LineTo(pixel);
            }
            else
            {
                path.MoveTo(pixel);
                started = true;
            }
        }

        if (halo)
        {
            using var haloPaint = new SKPaint { Color = SKColors.White.WithAlpha(200), StrokeWidth = width + 3, Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
            canvas.DrawPath(path, haloPaint);
        }

        using var paint = new SKPaint { Color = color, StrokeWidth = width, Style = SKPaintStyle.Stroke, IsAntialias = true, StrokeJoin = SKStrokeJoin.Round, StrokeCap = SKStrokeCap.Round };
        canvas.DrawPath(path, paint);
    }

    private static void DrawFrame(SKCanvas canvas, SKTypeface typeface, Panel panel, string title, string xLabel, string yLabel)
    {
        using var framePaint = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
        using var textPaint = TextPaint(typeface, 12, SKColors.Black);
        using var titlePaint = TextPaint(typeface, 13, SKColors.Black);
        canvas.DrawRect(panel.Area, framePaint);
        canvas.DrawText(title, panel.Area.Left, panel.Area.Top - 10, titlePaint);

        foreach (double tick in Ticks(panel.Range.MinX, panel.Range.MaxX))
        {
            float x = panel.ToPixel((tick, panel.Range.MinY)).X;
            canvas.DrawLine(x, panel.Area.Bottom, x, panel.Area.Bottom + 5, framePaint);
            string label = tick.ToString("0.##", CultureInfo.InvariantCulture);
            canvas.DrawText(label, x - textPaint.MeasureText(label) / 2, panel.Area.Bottom + 18, textPaint);
        }

        foreach (double tick in Ticks(panel.Range.MinY, panel.Range.MaxY))
        {
            float y = panel.ToPixel((panel.Range.MinX, tick)).Y;
            canvas.DrawLine(panel.Area.Left - 5, y, panel.Area.Left, y, framePaint);
            string label = tick.ToString("0.##", CultureInfo.InvariantCulture);
            canvas.DrawText(label, panel.Area.Left - 8 - textPaint.MeasureText(label), y + 4, textPaint);
        }

        canvas.DrawText(xLabel, panel.Area.MidX - textPaint.MeasureText(xLabel) / 2, panel.Area.Bottom + 36, textPaint);
        canvas.Save();
        canvas.RotateDegrees(-90, panel.Area.Left - 42, panel.Area.MidY);
        canvas.DrawText(yLabel, panel.Area.Left - 42 - textPaint.MeasureText(yLabel) / 2, panel.Area.MidY, textPaint);
        canvas.Restore();
    }

    // Marching squares: for each level, one or two segments per grid cell where the level crosses its edges.
    private static void DrawContours(SKCanvas canvas, Panel panel, double[,] values, double[] levels)
    {
        using var paint = new SKPaint { Color = SKColors.White.WithAlpha(110), StrokeWidth = 1, Style = SKPaintStyle.Stroke, IsAntialias = true };
        int n = values.GetLength(0);
        double step = 2 * ParameterLimit / (n - 1);

        foreach (double level in levels)
        {
            for (int i = 0; i < n - 1; i++)
            {
                for (int j = 0; j < n - 1; j++)
                {
                    // Corners go counter-clockwise from (i, j). The index i runs along x1 and j along x2.
                    double[] corner = { values[i, j], values[i + 1, j], values[i + 1, j + 1], values[i, j + 1] };
                    var crossings = new List<SKPoint>(4);
                    for (int edge = 0; edge < 4; edge++)
                    {
                        double a = corner[edge];
                        double b = corner[(edge + 1) % 4];
                        if ((a < level) == (b < level))
                        {
                            continue;
                        }

                        double t = (level - a) / (b - a);
                        (double x, double y) = EdgePoint(i, j, edge, t);
                        crossings.Add(panel.ToPixel((-ParameterLimit + x * step, -ParameterLimit + y * step)));
                    }

                    for (int k = 0; k + 1 < crossings.Count; k += 2)
                    {
                        canvas.DrawLine(crossings[k], crossings[k + 1], paint);
                    }
                }
            }
        }
    }

    private static (double X, double Y) EdgePoint(int i, int j, int edge, double t) => edge switch
    {
        0 => (i + t, j),
        1 => (i + 1, j + t),
        2 => (i + 1 - t, j + 1),
        _ => (i, j + 1 - t),
    };

    private static double[,] MeanObjectiveGrid(ToyProblem problem)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor axis = torch.linspace(-ParameterLimit, ParameterLimit, GridSize, dtype: torch.float64);
        torch.Tensor[] mesh = torch.meshgrid(new[] { axis, axis }, indexing: "ij");
        torch.Tensor points = torch.stack(new[] { mesh[0].reshape(-1), mesh[1].reshape(-1) }, -1);
        double[] mean = problem.Objectives(points).mean(new long[] { -1 }).data<double>().ToArray();

        var grid = new double[GridSize, GridSize];
        for (int i = 0; i < GridSize; i++)
        {
            for (int j = 0; j < GridSize; j++)
            {
                grid[i, j] = mean[i * GridSize + j];
            }
        }

        return grid;
    }

    // Colors span the 2nd to 98th percentile, so the few very low values at the log clamp do not flatten the rest.
    private static SKBitmap Heatmap(double[,] values, out double[] levels)
    {
        int n = values.GetLength(0);
        double[] sorted = values.Cast<double>().Where(double.IsFinite).Order().ToArray();
        double low = sorted[(int)(0.02 * (sorted.Length - 1))];
        double high = sorted[(int)(0.98 * (sorted.Length - 1))];
        levels = Enumerable.Range(1, ContourLevels).Select(k => low + (high - low) * k / (ContourLevels + 1)).ToArray();

        var bitmap = new SKBitmap(n, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double t = Math.Clamp((values[i, j] - low) / (high - low), 0, 1);

                // Row 0 of the bitmap is the top of the panel, where x2 is largest.
                bitmap.SetPixel(i, n - 1 - j, ViridisColor(t));
            }
        }

        return bitmap;
    }

    private static SKColor ViridisColor(double t)
    {
        double position = t * (Viridis.Length - 1);
        int index = Math.Min((int)position, Viridis.Length - 2);
        double fraction = position - index;
        SKColor a = Viridis[index];
        SKColor b = Viridis[index + 1];
        return new SKColor(
            (byte)Math.Round(a.Red + (b.Red - a.Red) * fraction),
            (byte)Math.Round(a.Green + (b.Green - a.Green) * fraction),
            (byte)Math.Round(a.Blue + (b.Blue - a.Blue) * fraction));
    }

    private static Bounds ObjectiveBounds(IReadOnlyList<(double F1, double F2)> paretoFront, IReadOnlyList<ToyRun> runs)
    {
        var f1 = paretoFront.Select(p => p.F1).Concat(runs.SelectMany(r => r.Trajectories).SelectMany(t => t.Points).Select(p => p.F1)).Where(double.IsFinite).ToArray();
        var f2 = paretoFront.Select(p => p.F2).Concat(runs.SelectMany(r => r.Trajectories).SelectMany(t => t.Points).Select(p => p.F2)).Where(double.IsFinite).ToArray();
        double padX = 0.05 * Math.Max(f1.Max() - f1.Min(), 1e-6);
        double padY = 0.05 * Math.Max(f2.Max() - f2.Min(), 1e-6);
        return new Bounds(f1.Min() - padX, f1.Max() + padX, f2.Min() - padY, f2.Max() + padY);
    }

    // About five ticks at 1, 2 or 5 times a power of ten.
    private static IEnumerable<double> Ticks(double min, double max)
    {
        double raw = (max - min) / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double spacing = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw);
        for (double tick = Math.Ceiling(min / spacing) * spacing; tick <= max + 1e-9 * spacing; tick += spacing)
        {
            yield return Math.Abs(tick) < 1e-9 * spacing ? 0 : tick;
        }
    }

    private static bool IsFinite((double X, double Y) point) => double.IsFinite(point.X) && double.IsFinite(point.Y);

    private static SKPaint TextPaint(SKTypeface typeface, float size, SKColor color) =>
        new() { Typeface = typeface, TextSize = size, Color = color, IsAntialias = true };

    // The Linux native assets ship without fontconfig, so the default typeface may have no glyphs; DejaVu Sans is used where installed.
    private static SKTypeface LoadTypeface()
    {
        const string dejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        return File.Exists(dejaVuSans) ? SKTypeface.FromFile(dejaVuSans) : SKTypeface.FromFamilyName("sans-serif");
    }

    private readonly record struct Bounds(double MinX, double MaxX, double MinY, double MaxY);

    private readonly record struct Panel(SKRect Area, Bounds Range)
    {
        public SKPoint ToPixel((double X, double Y) point) => new(
            (float)(Area.Left + (point.X - Range.MinX) / (Range.MaxX - Range.MinX) * Area.Width),
            (float)(Area.Bottom - (point.Y - Range.MinY) / (Range.MaxY - Range.MinY) * Area.Height));
    }
}
