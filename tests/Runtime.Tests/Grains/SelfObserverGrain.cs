using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public sealed class SelfObserverGrain : Grain, ISelfObserverGrain
{
    public Task<string> RegisterSelfAsObjectAsync()
    {
        try
        {
            GrainFactory.CreateObjectReference<IMessageObserver>(this);
            return Task.FromResult("registered");
        }
        catch (ArgumentException exception)
        {
            return Task.FromResult(exception.Message);
        }
    }

    public Task ReceiveAsync(string message) => Task.CompletedTask;

    public void Ping(int sequence)
    {
    }
}
