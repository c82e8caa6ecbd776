using Cluster.Runtime.Diagnostics;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.Logging;

namespace Cluster.Runtime.Tests.Diagnostics;

public sealed class RecentLogsTests
{
    [Fact]
    public void Log_NobodyReading_LoggerDisabledAndNothingKept()
    {
        var logs = new RecentLogs(new ManualTimeProvider());
        var logger = logs.CreateLogger("Test");

        logger.LogWarning("not watched");

        Assert.False(logger.IsEnabled(LogLevel.Critical));
        Assert.Empty(logs.Read(0).Entries);
    }

    [Fact]
    public void Log_AfterARead_KeptRedactedInOrder()
    {
        var time = new ManualTimeProvider();
        var logs = new RecentLogs(time);
        var logger = logs.CreateLogger("Cluster.Test");
        logs.Read(0);

        logger.LogInformation("first");
        logger.LogError(new InvalidOperationException("connection Password=hunter2 refused"), "second with token={Token}", "abc123");
        var page = logs.Read(0);

        Assert.Equal(["first", "second with token=[redacted]"], page.Entries.Select(entry => entry.Message));
        Assert.Equal([1L, 2L], page.Entries.Select(entry => entry.Sequence));
        Assert.Equal("Error", page.Entries[1].Level);
        Assert.Equal("Cluster.Test", page.Entries[1].Category);
        Assert.Contains("Password=[redacted]", page.Entries[1].Exception, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", page.Entries[1].Exception, StringComparison.Ordinal);
        Assert.Equal(2, page.Last);
        Assert.Equal(0, page.Missed);
    }

    [Fact]
    public void Read_AfterTheLease_StopsKeepingUntilReadAgain()
    {
        var time = new ManualTimeProvider();
        var logs = new RecentLogs(time);
        var logger = logs.CreateLogger("Test");
        logs.Read(0);

        time.Advance(RecentLogs.WatchLease + TimeSpan.FromSeconds(1));
        logger.LogInformation("after the lease");
        var unwatched = logs.IsWatched;
        logs.Read(0);
        logger.LogInformation("watched again");

        Assert.False(unwatched);
        Assert.Equal(["watched again"], logs.Read(0).Entries.Select(entry => entry.Message));
    }

    [Fact]
    public void Read_MoreThanTheBufferHolds_ReportsMissedAndPagesOnFromTheCursor()
    {
        var logs = new RecentLogs(new ManualTimeProvider());
        var logger = logs.CreateLogger("Test");
        logs.Read(0);
        for (var line = 1; line <= RecentLogs.Capacity + 10; line++)
        {
            logger.LogInformation("line {Line}", line);
        }

        var first = logs.Read(5);
        var second = logs.Read(first.Last);

        Assert.Equal(5, first.Missed);
        Assert.Equal(RecentLogs.MaxPage, first.Entries.Count);
        Assert.Equal(11, first.Entries[0].Sequence);
        Assert.Equal(first.Last + 1, second.Entries[0].Sequence);
        Assert.Equal(0, second.Missed);
    }

    [Fact]
    public void Read_CursorOfAnEarlierStart_ReturnsEveryLineOfThisOne()
    {
        var logs = new RecentLogs(new ManualTimeProvider());
        var logger = logs.CreateLogger("Test");
        logs.Read(0);
        logger.LogInformation("only line");

        var page = logs.Read(after: 5000);

        Assert.Equal(["only line"], page.Entries.Select(entry => entry.Message));
    }
}
