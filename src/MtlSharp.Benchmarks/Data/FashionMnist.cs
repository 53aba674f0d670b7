namespace MtlSharp.Benchmarks.Data;

/// <summary>
/// Locates and reads Fashion-MNIST (Xiao et al., 2017) in its original IDX files. The data folder is the
/// one given, else the MTLSHARP_FASHION_MNIST environment variable, else where Debian's
/// dataset-fashion-mnist package installs it.
/// </summary>
public static class FashionMnist
{
    /// <summary>Environment variable that overrides the default data folder.</summary>
    public const string EnvironmentVariable = "MTLSHARP_FASHION_MNIST";

    /// <summary>Where Debian's dataset-fashion-mnist package installs the files.</summary>
    public const string DebianLocation = "/usr/share/datasets/fashion-mnist";

    /// <summary>Returns the data folder and where the choice came from.</summary>
    public static (string Folder, string Source) ResolveRoot(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return (option, "--data-root");
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (fromEnvironment, EnvironmentVariable);
        }

        return (DebianLocation, "default location of Debian's dataset-fashion-mnist package");
    }

    /// <summary>Reads the training (60,000 images) or test (10,000 images) split from <paramref name="option"/>'s folder.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder or a file is missing; the message explains how to install the data.</exception>
    /// <exception cref="InvalidDataException">A file is invalid, or images and labels disagree.</exception>
    public static FashionMnistImages Load(string? option, bool train)
    {
        var (folder, source) = ResolveRoot(option);
        string prefix = train ? "train" : "t10k";
        string imagesPath = FindFile(folder, source, $"{prefix}-images-idx3-ubyte");
        string labelsPath = FindFile(folder, source, $"{prefix}-labels-idx1-ubyte");

        IdxArray images = IdxReader.Read(imagesPath);
        IdxArray labels = IdxReader.Read(labelsPath);

        if (images.Dimensions.Count != 3 || images.Dimensions[1] != FashionMnistImages.Side || images.Dimensions[2] != FashionMnistImages.Side)
        {
            throw new InvalidDataException($"'{imagesPath}' has dimensions [{string.Join(", ", images.Dimensions)}]; Fashion-MNIST images are [N, 28, 28].");
        }

        if (labels.Dimensions.Count != 1)
        {
            throw new InvalidDataException($"'{labelsPath}' has dimensions [{string.Join(", ", labels.Dimensions)}]; Fashion-MNIST labels are [N].");
        }

        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new InvalidDataException($"'{imagesPath}' has {images.Dimensions[0]} images but '{labelsPath}' has {labels.Dimensions[0]} labels; the counts must match.");
        }

        int invalid = Array.FindIndex(labels.Data, l => l >= FashionMnistImages.ClassCount);
        if (invalid >= 0)
        {
            throw new InvalidDataException($"'{labelsPath}' has label {labels.Data[invalid]} at index {invalid}; Fashion-MNIST labels are 0..9.");
        }

        return new FashionMnistImages(images.Data, labels.Data);
    }

    private static string FindFile(string folder, string source, string name)
    {
        foreach (string candidate in new[] { Path.Combine(folder, name + ".gz"), Path.Combine(folder, name) })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"Fashion-MNIST file '{name}.gz' (or '{name}') not found in '{folder}' ({source}). " +
            $"Install the data with 'apt-get install dataset-fashion-mnist', or point --data-root or {EnvironmentVariable} at a folder with the four IDX files.");
    }
}
