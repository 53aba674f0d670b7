using MtlSharp.Cli.Plotting;
using SkiaSharp;

namespace MtlSharp.Tests.Cli;

public sealed class WeightsPlotTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mtl-weights-plot-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadsSeriesPerTask()
    {
        string csv = Write("step,epoch,loss/left,loss/right,weight/left,weight/right\n0,0,2.3,2.2,1,1\n1,0,2.1,2.0,0.9,1.1\n");

        WeightSeries series = WeightsPlot.Read(csv);

        Assert.Equal(new[] { "left", "right" }, series.Tasks);
        Assert.Equal(new[] { 0.0, 1.0 }, series.Steps);
        Assert.Equal(new[] { 1.0, 0.9 }, series.Weights[0]);
        Assert.Equal(new[] { 1.0, 1.1 }, series.Weights[1]);
    }

    [Fact]
    public void WritesDecodablePng()
    {
        string csv = Write("step,epoch,loss/left,loss/right,weight/left,weight/right\n0,0,2.3,2.2,1,1\n1,0,2.1,2.0,0.9,1.1\n2,1,2.0,1.9,0.8,1.2\n");
        string png = Path.Combine(folder, "weights.png");

        WeightsPlot.Write(WeightsPlot.Read(csv), png, "test");

        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.Equal(1000, bitmap.Width);
        Assert.Equal(600, bitmap.Height);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void MissingFileNamesPath()
    {
        string csv = Path.Combine(folder, "weights.csv");

        var error = Assert.Throws<FileNotFoundException>(() => WeightsPlot.Read(csv));
        Assert.Contains(csv, error.Message);
    }

    [Fact]
    public void EmptyFileRaises()
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightsPlot.Read(Write("")));
        Assert.Contains("is empty", error.Message);
    }

    [Fact]
    public void HeaderOnlyRaises()
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightsPlot.Read(Write("step,epoch,loss/a,weight/a\n")));
        Assert.Contains("no rows", error.Message);
    }

    [Theory]
    [InlineData("time,epoch,loss/a,weight/a\n0,0,1,1\n")]
    [InlineData("step,epoch,loss/a,loss/b,weight/a\n0,0,1,1,1\n")]
    [InlineData("step,epoch,weight/a,loss/a\n0,0,1,1\n")]
    public void WrongHeaderRaises(string contents)
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightsPlot.Read(Write(contents)));
        Assert.Contains("Expected step,epoch,loss/<task>...,weight/<task>...", error.Message);
    }

    [Fact]
    public void ShortRowNamesLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightsPlot.Read(Write("step,epoch,loss/a,weight/a\n0,0,1,1\n1,0,1\n")));
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void NonNumberNamesColumn()
    {
        var error = Assert.Throws<InvalidDataException>(() => WeightsPlot.Read(Write("step,epoch,loss/a,weight/a\n0,0,1,abc\n")));
        Assert.Contains("'weight/a'", error.Message);
    }

    [Fact]
    public void NoFiniteWeightRaises()
    {
        var series = WeightsPlot.Read(Write("step,epoch,loss/a,weight/a\n0,0,1,\n"));

        Assert.Throws<InvalidDataException>(() => WeightsPlot.Render(series, "test", 200, 100));
    }

    private string Write(string contents)
    {
        string path = Path.Combine(folder, "weights.csv");
        File.WriteAllText(path, contents);
        return path;
    }
}
