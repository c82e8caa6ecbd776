using System.ComponentModel;

namespace Cluster.Runtime.CodeGeneration;

/// <summary>A call whose method returns <c>Task</c>, <c>ValueTask</c> or (on observers) <c>void</c>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class VoidRequest : Request<VoidResult>
{
    /// <summary>Calls the grain method on <paramref name="target"/>; generated.</summary>
    protected abstract ValueTask InvokeVoidAsync(object target);

    /// <inheritdoc />
    protected sealed override ValueTask<VoidResult> InvokeMethodAsync(object target)
    {
        var pending = InvokeVoidAsync(target);
        return pending.IsCompletedSuccessfully ? default : AwaitAsync(pending);

        static async ValueTask<VoidResult> AwaitAsync(ValueTask pending)
        {
            // The method's own continuations already run on the activation; this one only forwards the outcome.
            await pending.ConfigureAwait(false);
            return default;
        }
    }
}
