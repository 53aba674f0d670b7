using MtlSharp.Evaluation;
using static MtlSharp.Tests.Evaluation.EvaluationFixtures;

namespace MtlSharp.Tests.Evaluation;

public sealed class BaselineSetTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mtlsharp-baselines-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SaveLoadRoundTrip()
    {
        var saved = new BaselineSet(
            "multi-fashion",
            Metrics(("left", "Acc", 0.8123456789012345), ("right", "Acc", 0.1), ("depth", "AbsErr", 1e-7)),
            "stl, seed 0, 10 epochs");
        string path = Path.Combine(folder, "nested", "baselines.json");

        saved.Save(path);
        BaselineSet loaded = BaselineSet.Load(path, "multi-fashion");

        Assert.Equal("multi-fashion", loaded.Benchmark);
        Assert.Equal(saved.Source, loaded.Source);
        Assert.Equal(0.8123456789012345, loaded.Metrics.Get("left", "Acc"));
        Assert.Equal(0.1, loaded.Metrics.Get("right", "Acc"));
        Assert.Equal(1e-7, loaded.Metrics.Get("depth", "AbsErr"));
        Assert.Equal(3, loaded.Metrics.Values.Count);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void ScheduleSurvivesRoundTrip()
    {
        const string schedule = "epochs 3, batch 256, Adam lr 0.001, train size 500, test size all";
        var saved = new BaselineSet("multi-fashion", Metrics(("left", "Acc", 0.7)), "stl, seed 0", schedule);
        string path = Path.Combine(folder, "with-schedule.json");

        saved.Save(path);
        BaselineSet loaded = BaselineSet.Load(path, "multi-fashion");

        Assert.Equal(schedule, loaded.Schedule);
    }

    [Fact]
    public void ScheduleIsNullWhenNotRecorded()
    {
        var saved = new BaselineSet("multi-fashion", Metrics(("left", "Acc", 0.7)), "stl, seed 0");
        string path = Path.Combine(folder, "without-schedule.json");

        saved.Save(path);

        Assert.Null(BaselineSet.Load(path, "multi-fashion").Schedule);
    }

    [Fact]
    public void MissingFileTellsHowToProduceIt()
    {
        string path = Path.Combine(folder, "absent.json");

        var error = Assert.Throws<FileNotFoundException>(() => BaselineSet.Load(path, "multi-fashion"));

        Assert.Contains(path, error.Message);
        Assert.Contains("mtl train --benchmark multi-fashion --method stl", error.Message);
    }

    [Fact]
    public void RejectsOtherBenchmark()
    {
        string path = Path.Combine(folder, "baselines.json");
        new BaselineSet("fashion-dense", Metrics(("segmentation", "mIoU", 0.4)), "").Save(path);

        var error = Assert.Throws<InvalidDataException>(() => BaselineSet.Load(path, "multi-fashion"));

        Assert.Contains(path, error.Message);
        Assert.Contains("'fashion-dense'", error.Message);
        Assert.Contains("'multi-fashion'", error.Message);
    }

    [Fact]
    public void RejectsInvalidJson()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "broken.json");
        File.WriteAllText(path, "{ \"benchmark\": ");

        var error = Assert.Throws<InvalidDataException>(() => BaselineSet.Load(path, "multi-fashion"));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void RejectsMissingTasks()
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "no-tasks.json");
        File.WriteAllText(path, "{ \"benchmark\": \"multi-fashion\" }");

        var error = Assert.Throws<InvalidDataException>(() => BaselineSet.Load(path, "multi-fashion"));

        Assert.Contains("'tasks'", error.Message);
    }
}
