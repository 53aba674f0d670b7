using System.Globalization;
using SkiaSharp;
using TorchSharp;

namespace MtlSharp.Cli.Plotting;

/// <summary>
/// Draws samples of a benchmark as a PNG grid: one row per sample, the input first, then one panel per
/// task target. A panel's look follows the target's shape: labels [H, W] as class colours, one channel
/// [1, H, W] as a viridis colour map with the range printed in the column title, three channels
/// [3, H, W] as normals in RGB ((n + 1) / 2, zero vectors black), and a single label as text.
/// </summary>
public static class ScenePlot
{
    private const int Scale = 4;
    private const int Margin = 8;
    private const int TitleHeight = 22;
    private const int LegendRowHeight = 18;
    private const float FontSize = 13;

    // Class colours: background dark grey, then ten distinct hues.
    private static readonly SKColor[] Palette =
    {
        new(40, 40, 40), new(230, 25, 75), new(60, 180, 75), new(255, 225, 25), new(0, 130, 200), new(245, 130, 48),
        new(145, 30, 180), new(70, 240, 240), new(240, 50, 230), new(210, 245, 60), new(250, 190, 212),
        new(0, 128, 128), new(220, 190, 255), new(170, 110, 40),
    };

    // Control points of matplotlib's viridis colour map at 0, 0.25, 0.5, 0.75 and 1.
    private static readonly (float R, float G, float B)[] Viridis =
    {
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    };

    /// <summary>Writes the grid of samples 0..count-1 to <paramref name="path"/>.</summary>
    /// <param name="inputs">Inputs [N, C, H, W] with C = 1 (grey) or 3 (RGB), values in [0, 1].</param>
    /// <param name="targets">Targets of each task [N, ...].</param>
    /// <param name="taskNames">Column titles of the targets.</param>
    /// <param name="count">Number of samples to draw, at most N.</param>
    /// <param name="classNames">Names of the segmentation classes for the legend, or null for no legend.</param>
    /// <param name="path">Output PNG file.</param>
    public static void Save(
        torch.Tensor inputs,
        IReadOnlyList<torch.Tensor> targets,
        IReadOnlyList<string> taskNames,
        int count,
        IReadOnlyList<string>? classNames,
        string path)
    {
        if (inputs.dim() != 4)
        {
            throw new ArgumentException($"Inputs have shape [{string.Join(", ", inputs.shape)}]; expected [N, C, H, W].", nameof(inputs));
        }

        if (count < 1 || count > inputs.shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of samples must be between 1 and {inputs.shape[0]}.");
        }

        int height = (int)inputs.shape[2];
        int width = (int)inputs.shape[3];
        int tileWidth = width * Scale;
        int tileHeight = height * Scale;
        int columns = 1 + targets.Count;
        int legendRows = classNames is null ? 0 : (classNames.Count + 3) / 4;
        int imageWidth = Margin + columns * (tileWidth + Margin);
        int imageHeight = TitleHeight + Margin + count * (tileHeight + Margin) + legendRows * LegendRowHeight + (legendRows > 0 ? Margin : 0);

        using var surface = SKSurface.Create(new SKImageInfo(imageWidth, imageHeight));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = LoadTypeface();
        using var font = new SKFont(typeface, FontSize);
        using var textPaint = new SKPaint { Color = SKColors.Black, IsAntialias = true };

        var titles = new List<string> { "input" };
        for (int t = 0; t < targets.Count; t++)
        {
            titles.Add(Title(taskNames[t], targets[t], count));
        }

        for (int column = 0; column < columns; column++)
        {
            canvas.DrawText(titles[column], Margin + column * (tileWidth + Margin), TitleHeight - 6, font, textPaint);
        }

        for (int n = 0; n < count; n++)
        {
            int top = TitleHeight + Margin + n * (tileHeight + Margin);
            DrawTile(canvas, InputPixels(inputs[n], height, width), width, height, Margin, top);
            for (int t = 0; t < targets.Count; t++)
            {
                int left = Margin + (t + 1) * (tileWidth + Margin);
                torch.Tensor target = targets[t];
                if (target.dim() == 1)
                {
                    string label = target[n].item<long>().ToString(CultureInfo.InvariantCulture);
                    canvas.DrawText($"class {label}", left, top + tileHeight / 2, font, textPaint);
                    continue;
                }

                DrawTile(canvas, TargetPixels(target, n, count, height, width), width, height, left, top);
            }
        }

        if (classNames is not null)
        {
            int legendTop = TitleHeight + Margin + count * (tileHeight + Margin);
            int entryWidth = (imageWidth - Margin) / 4;
            for (int c = 0; c < classNames.Count; c++)
            {
                int x = Margin + (c % 4) * entryWidth;
                int y = legendTop + (c / 4) * LegendRowHeight;
                using var swatch = new SKPaint { Color = Palette[c % Palette.Length] };
                canvas.DrawRect(x, y, 12, 12, swatch);
                canvas.DrawText($"{c} {classNames[c]}", x + 16, y + 11, font, textPaint);
            }
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using FileStream stream = File.Create(path);
        data.SaveTo(stream);
    }

    private static SKTypeface LoadTypeface()
    {
        // SkiaSharp's Linux assets without dependencies find no system fonts, so load DejaVu Sans by path where it exists.
        const string dejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        return File.Exists(dejaVu) ? SKTypeface.FromFile(dejaVu) : SKTypeface.Default;
    }

    private static string Title(string task, torch.Tensor target, int count)
    {
        if (target.dim() == 4 && target.shape[1] == 1)
        {
            using var shownSamples = target[..count];
            var (minimum, maximum) = Range(shownSamples);
            return string.Create(CultureInfo.InvariantCulture, $"{task} {minimum:F1}..{maximum:F1}");
        }

        return task;
    }

    private static (double Minimum, double Maximum) Range(torch.Tensor values)
    {
        using var minimum = values.min();
        using var maximum = values.max();
        return (minimum.to_type(torch.float64).item<double>(), maximum.to_type(torch.float64).item<double>());
    }

    private static SKColor[] InputPixels(torch.Tensor input, int height, int width)
    {
        using var values = input.to_type(torch.float32).contiguous();
        float[] data = values.data<float>().ToArray();
        int plane = height * width;
        var pixels = new SKColor[plane];
        bool colour = input.shape[0] == 3;
        for (int i = 0; i < plane; i++)
        {
            pixels[i] = colour
                ? new SKColor(Byte(data[i]), Byte(data[plane + i]), Byte(data[2 * plane + i]))
                : new SKColor(Byte(data[i]), Byte(data[i]), Byte(data[i]));
        }

        return pixels;
    }

    private static SKColor[] TargetPixels(torch.Tensor target, int n, int count, int height, int width)
    {
        int plane = height * width;
        var pixels = new SKColor[plane];
        using var sample = target[n].contiguous();

        if (sample.dim() == 2)
        {
            long[] labels = sample.to_type(torch.int64).data<long>().ToArray();
            for (int i = 0; i < plane; i++)
            {
                pixels[i] = labels[i] < 0 ? SKColors.White : Palette[labels[i] % Palette.Length];
            }

            return pixels;
        }

        float[] values = sample.to_type(torch.float32).data<float>().ToArray();
        if (sample.shape[0] == 3)
        {
            for (int i = 0; i < plane; i++)
            {
                bool missing = values[i] == 0 && values[plane + i] == 0 && values[2 * plane + i] == 0;
                pixels[i] = missing
                    ? SKColors.Black
                    : new SKColor(Byte((values[i] + 1) / 2), Byte((values[plane + i] + 1) / 2), Byte((values[2 * plane + i] + 1) / 2));
            }

            return pixels;
        }

        using var shownSamples = target[..count];
        var (minimum, maximum) = Range(shownSamples);
        double span = Math.Max(maximum - minimum, 1e-9);
        for (int i = 0; i < plane; i++)
        {
            pixels[i] = ColourMap((values[i] - minimum) / span);
        }

        return pixels;
    }

    private static SKColor ColourMap(double position)
    {
        double scaled = Math.Clamp(position, 0, 1) * (Viridis.Length - 1);
        int low = Math.Min((int)scaled, Viridis.Length - 2);
        double fraction = scaled - low;
        var (r0, g0, b0) = Viridis[low];
        var (r1, g1, b1) = Viridis[low + 1];
        return new SKColor(
            (byte)Math.Round(r0 + (r1 - r0) * fraction),
            (byte)Math.Round(g0 + (g1 - g0) * fraction),
            (byte)Math.Round(b0 + (b1 - b0) * fraction));
    }

    private static void DrawTile(SKCanvas canvas, SKColor[] pixels, int width, int height, int left, int top)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Pixels = pixels;
        var destination = SKRect.Create(left, top, width * Scale, height * Scale);
        using var paint = new SKPaint { FilterQuality = SKFilterQuality.None, IsAntialias = false };
        canvas.DrawBitmap(bitmap, destination, paint);
    }

    private static byte Byte(double value) => (byte)Math.Round(Math.Clamp(value, 0, 1) * 255);
}
