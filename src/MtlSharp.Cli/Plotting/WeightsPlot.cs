using System.Globalization;
using SkiaSharp;

namespace MtlSharp.Cli.Plotting;

/// <summary>The task weights λ of a run, read from its weights.csv: one series per task over the steps.</summary>
/// <param name="Tasks">Task names, in column order.</param>
/// <param name="Steps">Global step of each row [N].</param>
/// <param name="Weights">λ of each task at each row [K][N]; NaN where the row has no weight.</param>
public sealed record WeightSeries(IReadOnlyList<string> Tasks, IReadOnlyList<double> Steps, IReadOnlyList<IReadOnlyList<double>> Weights);

/// <summary>
/// Reads a run's weights.csv (header <c>step,epoch,loss/&lt;task&gt;...,weight/&lt;task&gt;...</c>, invariant
/// culture) and draws λ per task over the steps as a PNG line chart.
/// </summary>
public static class WeightsPlot
{
    private const string LossPrefix = "loss/";
    private const string WeightPrefix = "weight/";
    private const string ExpectedHeader = "step,epoch,loss/<task>...,weight/<task>...";

    private static readonly SKColor[] Palette =
    {
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28),
        new(0x94, 0x67, 0xbd), new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f),
    };

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is empty or malformed. The message names the file, the line and the expected format.</exception>
    public static WeightSeries Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weights file '{path}' not found. A training run writes it into its run folder, so pass the folder of a finished run.", path);
        }

        string[] lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"Weights file '{path}' is empty. Expected the header {ExpectedHeader} and one row per step.");
        }

        string[] header = lines[0].Split(',');
        int taskCount = (header.Length - 2) / 2;
        bool validHeader = header.Length >= 4
            && header.Length % 2 == 0
            && header[0] == "step"
            && header[1] == "epoch"
            && header.Skip(2).Take(taskCount).All(c => c.StartsWith(LossPrefix, StringComparison.Ordinal) && c.Length > LossPrefix.Length)
            && header.Skip(2 + taskCount).All(c => c.StartsWith(WeightPrefix, StringComparison.Ordinal) && c.Length > WeightPrefix.Length);
        if (!validHeader)
        {
            throw new InvalidDataException($"Weights file '{path}' has the header '{lines[0]}'. Expected {ExpectedHeader} with one loss and one weight column per task.");
        }

        string[] tasks = header.Skip(2 + taskCount).Select(c => c[WeightPrefix.Length..]).ToArray();
        if (lines.Length == 1)
        {
            throw new InvalidDataException($"Weights file '{path}' has a header but no rows, so the run has not finished a step yet.");
        }

        var steps = new List<double>();
        var weights = tasks.Select(_ => new List<double>()).ToArray();
        for (int row = 1; row < lines.Length; row++)
        {
            string[] fields = lines[row].Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"Weights file '{path}', line {row + 1}: {fields.Length} fields, but the header has {header.Length}.");
            }

            steps.Add(ParseNumber(path, row, "step", fields[0]));
            for (int i = 0; i < tasks.Length; i++)
            {
                // An empty weight field is a step of a method that defines no weights.
                string field = fields[2 + taskCount + i];
                weights[i].Add(field.Length == 0 ? double.NaN : ParseNumber(path, row, header[2 + taskCount + i], field));
            }
        }

        return new WeightSeries(tasks, steps, weights);
    }

    /// <summary>Draws <paramref name="series"/> and writes the PNG to <paramref name="path"/> through a temporary file and a rename.</summary>
    /// <exception cref="InvalidDataException">No row has a finite weight.</exception>
    public static void Write(WeightSeries series, string path, string title, int width = 1000, int height = 600)
    {
        byte[] png = Render(series, title, width, height);
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, png);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Returns the chart as PNG bytes.</summary>
    public static byte[] Render(WeightSeries series, string title, int width, int height)
    {
        double[] finite = series.Weights.SelectMany(w => w).Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            throw new InvalidDataException("The weights file has no finite weight. The method of this run may define no task weights.");
        }

        double minimum = Math.Min(0, finite.Min());
        double maximum = finite.Max();
        if (maximum - minimum < 1e-12)
        {
            maximum = minimum + 1;
        }

        double firstStep = series.Steps.Min();
        double lastStep = Math.Max(series.Steps.Max(), firstStep + 1);
        var plot = new SKRect(70, 50, width - 170, height - 60);

        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        using var axisPaint = new SKPaint { Color = SKColors.Black, StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var gridPaint = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var textPaint = new SKPaint { Color = SKColors.Black, TextSize = 13, IsAntialias = true };
        using var titlePaint = new SKPaint { Color = SKColors.Black, TextSize = 17, IsAntialias = true, FakeBoldText = true };

        float X(double step) => plot.Left + (float)((step - firstStep) / (lastStep - firstStep)) * plot.Width;
        float Y(double weight) => plot.Bottom - (float)((weight - minimum) / (maximum - minimum)) * plot.Height;

        for (int tick = 0; tick <= 5; tick++)
        {
            double weight = minimum + tick * (maximum - minimum) / 5;
            double step = firstStep + tick * (lastStep - firstStep) / 5;
            canvas.DrawLine(plot.Left, Y(weight), plot.Right, Y(weight), gridPaint);
            canvas.DrawText(weight.ToString("G3", CultureInfo.InvariantCulture), 8, Y(weight) + 4, textPaint);
            canvas.DrawText(Math.Round(step).ToString(CultureInfo.InvariantCulture), X(step) - 10, plot.Bottom + 20, textPaint);
        }

        canvas.DrawRect(plot, axisPaint);
        canvas.DrawText(title, plot.Left, 30, titlePaint);
        canvas.DrawText("step", plot.MidX - 12, height - 15, textPaint);
        canvas.DrawText("λ", 8, plot.Top - 16, textPaint);

        for (int task = 0; task < series.Tasks.Count; task++)
        {
            using var linePaint = new SKPaint { Color = Palette[task % Palette.Length], StrokeWidth = 1.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var path = new SKPath();
            bool drawing = false;
            for (int row = 0; row < series.Steps.Count; row++)
            {
                double weight = series.Weights[task][row];
                if (!double.IsFinite(weight))
                {
                    drawing = false;
                    continue;
                }

                if (drawing)
                {
                    path.LineTo(X(series.Steps[row]), Y(weight));
                }
                else
                {
                    path.MoveTo(X(series.Steps[row]), Y(weight));
                    drawing = true;
                }
            }

            canvas.DrawPath(path, linePaint);

            float legendY = plot.Top + 10 + task * 20;
            canvas.DrawLine(plot.Right + 15, legendY, plot.Right + 40, legendY, linePaint);
            canvas.DrawText(series.Tasks[task], plot.Right + 47, legendY + 5, textPaint);
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static double ParseNumber(string path, int row, string column, string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new InvalidDataException($"Weights file '{path}', line {row + 1}: column '{column}' has '{field}', which is not a number.");
}
