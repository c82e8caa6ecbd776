using System.Runtime.CompilerServices;
using Cluster.Runtime.Core;
using Cluster.Runtime.Tests.Infrastructure;

namespace Cluster.Runtime.Tests.Grains;

public sealed class StreamGrain : Grain, IStreamGrain
{
    public async IAsyncEnumerable<int> CountAsync(int count, int delayMilliseconds, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = this.GetPrimaryKeyString();
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (delayMilliseconds > 0)
                {
                    await Task.Delay(delayMilliseconds, cancellationToken);
                }

                Probe.Record(key, $"produced {i}");
                yield return i;
            }
        }
        finally
        {
            Probe.Record(key, "finally");
        }
    }

    public async IAsyncEnumerable<string> FailAfterAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return $"item {i}";
        }

        throw new InvalidOperationException("the stream broke");
    }

    public async IAsyncEnumerable<string> PayloadsAsync(int count, int size, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var key = this.GetPrimaryKeyString();
        var payload = new string('x', size);
        await Task.Yield();
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Probe.Record(key, $"produced {i}");
            yield return payload;
        }
    }

    public Task<string> PingAsync() => Task.FromResult("pong");
}
