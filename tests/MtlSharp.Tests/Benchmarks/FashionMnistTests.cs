using MtlSharp.Benchmarks.Data;
using MtlSharp.Tests.Training;

namespace MtlSharp.Tests.Benchmarks;

[Collection(GlobalStateCollection.Name)]
public sealed class FashionMnistTests
{
    [Fact]
    public void LoadsValidFolder()
    {
        using var files = new IdxTestFiles();
        files.WriteConstantSplit("train", 12);

        FashionMnistImages images = FashionMnist.Load(files.Folder, train: true);

        Assert.Equal(12, images.Count);
        Assert.Equal(12 * 28 * 28, images.Images.Length);
        Assert.Equal(1, images.Labels[11]);
        Assert.Equal(12, images.Images[11 * 28 * 28]);
    }

    [Fact]
    public void RejectsMismatchedCounts()
    {
        using var files = new IdxTestFiles();
        string images = files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Encode(new[] { 3, 28, 28 }, new byte[3 * 28 * 28]));
        string labels = files.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Encode(new[] { 2 }, new byte[2]));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(files.Folder, train: false));

        Assert.Contains(images, error.Message);
        Assert.Contains(labels, error.Message);
        Assert.Contains("3 images", error.Message);
        Assert.Contains("2 labels", error.Message);
    }

    [Fact]
    public void RejectsLabelOutOfRange()
    {
        using var files = new IdxTestFiles();
        files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Encode(new[] { 3, 28, 28 }, new byte[3 * 28 * 28]));
        string labels = files.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Encode(new[] { 3 }, new byte[] { 9, 0, 10 }));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(files.Folder, train: false));

        Assert.Contains(labels, error.Message);
        Assert.Contains("label 10 at index 2", error.Message);
    }

    [Fact]
    public void RejectsWrongImageSize()
    {
        using var files = new IdxTestFiles();
        string images = files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Encode(new[] { 2, 27, 29 }, new byte[2 * 27 * 29]));
        files.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Encode(new[] { 2 }, new byte[2]));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(files.Folder, train: false));

        Assert.Contains(images, error.Message);
        Assert.Contains("[2, 27, 29]", error.Message);
    }

    [Fact]
    public void RejectsDamagedFileNamingIt()
    {
        using var files = new IdxTestFiles();
        files.WriteConstantSplit("train", 4);
        string labels = files.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Encode(new[] { 4 }, new byte[3])));

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(files.Folder, train: true));

        Assert.Contains(labels, error.Message);
    }

    [Fact]
    public void MissingFolderTellsHowToInstall()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mtlsharp-absent-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(folder, train: true));

        Assert.Contains(folder, error.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
        Assert.Contains(FashionMnist.EnvironmentVariable, error.Message);
    }

    [Fact]
    public void ResolvesOptionFirst()
    {
        using var variable = new EnvironmentVariableScope(FashionMnist.EnvironmentVariable, "/from/environment");

        var (folder, source) = FashionMnist.ResolveRoot("/from/option");

        Assert.Equal("/from/option", folder);
        Assert.Equal("--data-root", source);
    }

    [Fact]
    public void ResolvesEnvironmentSecond()
    {
        using var variable = new EnvironmentVariableScope(FashionMnist.EnvironmentVariable, "/from/environment");

        var (folder, source) = FashionMnist.ResolveRoot(null);

        Assert.Equal("/from/environment", folder);
        Assert.Equal(FashionMnist.EnvironmentVariable, source);
    }

    [Fact]
    public void ResolvesDebianLocationLast()
    {
        using var variable = new EnvironmentVariableScope(FashionMnist.EnvironmentVariable, null);

        var (folder, source) = FashionMnist.ResolveRoot("  ");

        Assert.Equal("/usr/share/datasets/fashion-mnist", folder);
        Assert.Contains("dataset-fashion-mnist", source);
    }

    [Fact]
    public void LoadReadsEnvironmentFolder()
    {
        using var files = new IdxTestFiles();
        files.WriteConstantSplit("t10k", 5);
        using var variable = new EnvironmentVariableScope(FashionMnist.EnvironmentVariable, files.Folder);

        FashionMnistImages images = FashionMnist.Load(null, train: false);

        Assert.Equal(5, images.Count);
    }

    /// <summary>Sets an environment variable and restores its previous value on dispose.</summary>
    private sealed class EnvironmentVariableScope : IDisposable
    {
        private readonly string name;
        private readonly string? previous;

        public EnvironmentVariableScope(string name, string? value)
        {
            this.name = name;
            previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(name, previous);
    }
}
