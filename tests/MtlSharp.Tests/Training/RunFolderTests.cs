using System.Text.Json.Nodes;
using MtlSharp.Tasks;
using MtlSharp.Training;

namespace MtlSharp.Tests.Training;

public sealed class RunFolderTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "mtlsharp-run-" + Guid.NewGuid().ToString("N"));
    private readonly TaskSpec[] tasks = { ClassificationTask.Create("left"), ClassificationTask.Create("right") };

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void OverwriteDropsOldTensorBoardEvents()
    {
        string old = Path.Combine(folder, "tb", "events.out.tfevents.old");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.WriteAllText(old, "from an earlier run");

        using (new RunFolder(folder, tasks))
        {
            Assert.False(File.Exists(old));
        }
    }

    [Fact]
    public void WeightsGetFinalNameOnlyOnComplete()
    {
        string weights = Path.Combine(folder, RunFolder.WeightsFile);
        using var run = new RunFolder(folder, tasks);
        run.OnStep(0, 0, 0, 1, new[] { 2.3, 2.2 }, new[] { 1.0, 1.0 }, 100);

        Assert.False(File.Exists(weights));
        Assert.False(File.Exists(Path.Combine(folder, RunFolder.ResultFile)));

        run.Complete(new JsonObject { ["method"] = "ew" });

        string[] lines = File.ReadAllLines(weights);
        Assert.Equal("step,epoch,loss/left,loss/right,weight/left,weight/right", lines[0]);
        Assert.Equal("0,0,2.3,2.2,1,1", lines[1]);
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.ResultFile)));
    }
}
