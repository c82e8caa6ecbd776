using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using Cluster.Runtime.Benchmarks.Grains;
using Cluster.Runtime.Testing;

namespace Cluster.Runtime.Benchmarks;

/// <summary>
/// A local grain call against the floor of any mailbox: a channel consumer loop completing a
/// TaskCompletionSource. The floor's completion runs continuations asynchronously, as a correct mailbox must:
/// running the caller's continuation inline would run caller code on the callee's turn.
/// </summary>
[MemoryDiagnoser]
public class LocalCallBenchmarks
{
    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private TestSilo _silo = null!;
    private IBenchGrain _grain = null!;
    private Task _consumer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _silo = TestSilo.StartAsync().GetAwaiter().GetResult();
        _grain = _silo.GrainFactory.GetGrain<IBenchGrain>(1);
        _grain.PingAsync(1).GetAwaiter().GetResult();
        _consumer = Task.Run(ConsumeAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mailbox.Writer.Complete();
        _consumer.GetAwaiter().GetResult();
        _silo.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "mailbox floor (Channel + TCS)")]
    public Task<int> MailboxRoundTrip()
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _mailbox.Writer.TryWrite(new Message(1, completion));
        return completion.Task;
    }

    [Benchmark(Description = "local grain call (Task<int>)")]
    public Task<int> GrainCall() => _grain.PingAsync(1);

    private async Task ConsumeAsync()
    {
        var sum = 0;
        await foreach (var message in _mailbox.Reader.ReadAllAsync())
        {
            sum += message.Value;
            message.Completion.SetResult(1);
        }
    }

    private readonly record struct Message(int Value, TaskCompletionSource<int> Completion);
}
