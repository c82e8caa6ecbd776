using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Cluster.Runtime.Benchmarks;

/// <summary>Counts the runtime's allocation-tick samples by type, to see what a call allocates.</summary>
internal sealed class AllocationSampler : EventListener
{
    public ConcurrentDictionary<string, int> Samples { get; } = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs data)
    {
        if (data.EventName == "GCAllocationTick_V4" && data.PayloadNames is { } names)
        {
            var type = data.Payload![names.IndexOf("TypeName")]?.ToString() ?? "?";
            Samples.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
