using Cluster.Runtime.Observers;

namespace Cluster.Runtime.Tests.Grains;

public interface IMessageObserver : IGrainObserver
{
    Task ReceiveAsync(string message);

    void Ping(int sequence);
}
