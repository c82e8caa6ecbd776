using Cluster.Runtime.Core;

namespace Cluster.Runtime.Tests.Grains;

public class TurnGrain : Grain, ITurnGrain
{
    private int _inside;
    private int _maxOverlap;
    private int _executing;
    private int _threadViolations;
    private int _entered;

    public Task<int> HoldAsync(int milliseconds) => EnterAsync(milliseconds);

    public Task<int> ReadHoldAsync(int milliseconds) => EnterAsync(milliseconds);

    public Task<int> InterleaveHoldAsync(int milliseconds) => EnterAsync(milliseconds);

    public ValueTask<int> MaxOverlapAsync() => ValueTask.FromResult(_maxOverlap);

    public ValueTask<int> ThreadViolationsAsync() => ValueTask.FromResult(_threadViolations);

    public ValueTask<int> EnteredAsync() => ValueTask.FromResult(_entered);

    private async Task<int> EnterAsync(int milliseconds)
    {
        CheckSingleThread();
        _entered++;
        _inside++;
        _maxOverlap = Math.Max(_maxOverlap, _inside);
        await Task.Delay(milliseconds);
        CheckSingleThread();
        _inside--;
        return _maxOverlap;
    }

    // Two threads inside one activation at once would be a scheduler bug, reentrant or not.
    private void CheckSingleThread()
    {
        if (Interlocked.Increment(ref _executing) != 1)
        {
            Interlocked.Increment(ref _threadViolations);
        }

        Thread.SpinWait(2000);
        Interlocked.Decrement(ref _executing);
    }
}
