using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Timers;

/// <summary>A timer callback queued as a turn of its activation; answered to nobody, failures are logged.</summary>
internal sealed class TimerTickRequest(GrainTimer timer, string grainClassName) : VoidRequest
{
    public override string InterfaceName => grainClassName;

    public override string MethodName => "TimerCallback";

    public override InvokeMethodOptions Options => timer.Interleave
        ? InvokeMethodOptions.OneWay | InvokeMethodOptions.AlwaysInterleave
        : InvokeMethodOptions.OneWay;

    public bool KeepAlive => timer.KeepAlive;

    protected override async ValueTask InvokeVoidAsync(object target)
    {
        try
        {
            if (!timer.IsStopped)
            {
                await timer.InvokeCallbackAsync();
            }
        }
        finally
        {
            timer.OnTickCompleted();
        }
    }
}
