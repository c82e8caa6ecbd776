using Cluster.Runtime.Activation;
using Cluster.Runtime.Timers;

namespace Cluster.Runtime.Core;

/// <summary>
/// The base class of grains. The runtime constructs grains (never <c>new</c> them): state is loaded first, then
/// <see cref="OnActivateAsync"/> runs, then calls arrive one turn at a time unless scheduling attributes allow
/// interleaving.
/// </summary>
public abstract class Grain : IAddressable
{
    /// <summary>Binds the grain to the activation the runtime is constructing.</summary>
    /// <exception cref="InvalidOperationException">The grain was constructed outside the runtime.</exception>
    protected Grain()
    {
        Activation = ActivationData.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was created with 'new'. Grains are created by the runtime: call IGrainFactory.GetGrain<T>(key).");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>A readable identity for logs, such as <c>user/42</c>.</summary>
    public string IdentityString => Activation.GrainId.ToString();

    /// <summary>The factory for references to other grains and observers.</summary>
    protected IGrainFactory GrainFactory => Activation.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => Activation.Services;

    internal ActivationData Activation { get; }

    /// <summary>Runs after state is loaded and before the first call. An exception fails the activation and the pending calls.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs when the activation is deactivated (idle, requested, silo shutdown), after its last call and before
    /// the next activation of the same grain can start. The token is cancelled when the silo's budget runs out.
    /// </summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current call ends; later calls start a new activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>Keeps this activation from idle collection for at least <paramref name="timeSpan"/> from now.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>A reference to this grain through interface <typeparamref name="TGrainInterface"/>, to pass to others.</summary>
    public TGrainInterface AsReference<TGrainInterface>()
        where TGrainInterface : IAddressable => Activation.GetReference<TGrainInterface>();

    /// <summary>
    /// Registers a timer whose callbacks run as turns of this activation. A callback never overlaps itself: the
    /// period counts from the end of the previous callback. The timer ends with the activation or when disposed.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(static (state, token) => ((Func<CancellationToken, Task>)state!)(token), callback, options);
    }

    /// <summary>Registers a timer first due after <paramref name="dueTime"/> and then every <paramref name="period"/>.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <summary>Registers a timer whose callback receives <paramref name="state"/>.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer((_, token) => callback(state, token), null, options);
    }
}
