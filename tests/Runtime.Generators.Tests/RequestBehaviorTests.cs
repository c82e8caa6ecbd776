using System.Reflection;
using Cluster.Runtime.CodeGeneration;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>Runs generated request classes against plain implementations of their interfaces.</summary>
public class RequestBehaviorTests
{
    private const string Source = GeneratorHarness.Usings + """
        namespace MyApp;

        public interface ICalc : IGrainWithStringKey
        {
            Task<int> Add(int a, long b);
            ValueTask<string> Join(string first, string second, CancellationToken cancellationToken);
            Task Store(int value);
            IAsyncEnumerable<int> Range(int count);
            [ResponseTimeout("00:00:05"), ReadOnly] Task<int> Peek();
        }

        public interface IListener : IGrainObserver
        {
            void Heard(string text);
        }

        public sealed class Calc : ICalc
        {
            public CancellationToken LastToken { get; private set; }

            public int Stored { get; private set; }

            public Task<int> Add(int a, long b) => Task.FromResult(a + (int)b);

            public ValueTask<string> Join(string first, string second, CancellationToken cancellationToken)
            {
                LastToken = cancellationToken;
                return new(first + second);
            }

            public Task Store(int value)
            {
                Stored = value;
                return Task.CompletedTask;
            }

            public async IAsyncEnumerable<int> Range(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    await Task.Yield();
                    yield return i;
                }
            }

            public Task<int> Peek() => Task.FromResult(Stored);
        }

        public sealed class Listener : IListener
        {
            public string? Last { get; private set; }

            public void Heard(string text) => Last = text;
        }
        """;

    private static readonly Lazy<Assembly> Generated = new(() => GeneratorHarness.Run(Source).Load());

    [Fact]
    public async Task InvokeMethodAsync_ValueResult_CallsTheMethodWithTheArguments()
    {
        var request = CreateRequest("MyApp_ICalc_Proxy", "Add_0_Request", 2, 3L);

        var result = await (ValueTask<int>)Invoke(request, "InvokeMethodAsync", Create("MyApp.Calc"));

        Assert.Equal(5, result);
    }

    [Fact]
    public void GetArgument_EachIndex_ReturnsTheArgumentWithItsDeclaredType()
    {
        var request = CreateRequest("MyApp_ICalc_Proxy", "Add_0_Request", 2, 3L);

        Assert.Equal(2, request.ArgumentCount);
        Assert.IsType<int>(request.GetArgument(0));
        Assert.IsType<long>(request.GetArgument(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.GetArgument(2));
        Assert.Equal("MyApp.ICalc", request.InterfaceName);
        Assert.Equal("Add", request.MethodName);
        Assert.Equal(InvokeMethodOptions.None, request.Options);
        Assert.Null(request.ResponseTimeout);
    }

    [Fact]
    public async Task InvokeMethodAsync_CancellationToken_ReachesTheMethod()
    {
        using var cancellation = new CancellationTokenSource();
        var request = CreateRequest("MyApp_ICalc_Proxy", "Join_1_Request", "a", "b");
        request.CancellationToken = cancellation.Token;
        var target = Create("MyApp.Calc");

        var result = await (ValueTask<string>)Invoke(request, "InvokeMethodAsync", target);

        Assert.Equal("ab", result);
        Assert.Equal(cancellation.Token, target.GetType().GetProperty("LastToken")!.GetValue(target));
        Assert.Equal(2, request.ArgumentCount);
    }

    [Fact]
    public async Task InvokeMethodAsync_TaskMethod_RunsTheMethod()
    {
        var request = CreateRequest("MyApp_ICalc_Proxy", "Store_2_Request", 7);
        var target = Create("MyApp.Calc");

        await (ValueTask<VoidResult>)Invoke(request, "InvokeMethodAsync", target);

        Assert.Equal(7, target.GetType().GetProperty("Stored")!.GetValue(target));
    }

    [Fact]
    public async Task InvokeStream_StreamMethod_YieldsTheMethodsItems()
    {
        var request = CreateRequest("MyApp_ICalc_Proxy", "Range_3_Request", 3);
        var items = new List<int>();

        await foreach (var item in (IAsyncEnumerable<int>)Invoke(request, "InvokeStream", Create("MyApp.Calc")))
        {
            items.Add(item);
        }

        Assert.Equal([0, 1, 2], items);
        Assert.IsAssignableFrom<StreamRequest<int>>(request);
    }

    [Fact]
    public void Options_AttributedMethod_CarriesReadOnlyAndTimeout()
    {
        var request = CreateRequest("MyApp_ICalc_Proxy", "Peek_4_Request");

        Assert.Equal(InvokeMethodOptions.ReadOnly, request.Options);
        Assert.Equal(TimeSpan.FromSeconds(5), request.ResponseTimeout);
        Assert.Equal(0, request.ArgumentCount);
    }

    [Fact]
    public async Task InvokeVoidAsync_VoidObserverMethod_RunsOneWay()
    {
        var request = CreateRequest("MyApp_IListener_Proxy", "Heard_0_Request", "hello");
        var target = Create("MyApp.Listener");

        await (ValueTask)Invoke(request, "InvokeVoidAsync", target);

        Assert.Equal(InvokeMethodOptions.OneWay, request.Options);
        Assert.Equal("hello", target.GetType().GetProperty("Last")!.GetValue(target));
    }

    [Fact]
    public void Proxy_GeneratedType_IsAGrainReferenceImplementingTheInterface()
    {
        var proxy = Generated.Value.GetType("Cluster.Generated.MyApp_ICalc_Proxy", throwOnError: true)!;

        Assert.True(proxy.IsSealed);
        Assert.False(proxy.IsPublic);
        Assert.True(proxy.IsSubclassOf(typeof(GrainReference)));
        Assert.Contains(Generated.Value.GetType("MyApp.ICalc", throwOnError: true), proxy.GetInterfaces());
    }

    private static Request CreateRequest(string proxyName, string requestName, params object[] arguments)
    {
        var proxy = Generated.Value.GetType("Cluster.Generated." + proxyName, throwOnError: true)!;
        var type = proxy.GetNestedType(requestName, BindingFlags.NonPublic)!;
        var request = (Request)Activator.CreateInstance(type)!;
        for (var i = 0; i < arguments.Length; i++)
        {
            type.GetField("Arg" + i)!.SetValue(request, arguments[i]);
        }

        return request;
    }

    private static object Create(string typeName) => Activator.CreateInstance(Generated.Value.GetType(typeName, throwOnError: true)!)!;

    private static object Invoke(Request request, string method, object target) =>
        request.GetType().GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(request, [target])!;
}
