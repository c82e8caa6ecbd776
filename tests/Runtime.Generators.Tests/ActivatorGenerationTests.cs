namespace Cluster.Runtime.Generators.Tests;

public class ActivatorGenerationTests
{
    [Fact]
    public void Generate_PersistentStateParameters_BindsStatesAndListsStorageNames()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public sealed class Profile
            {
                public string Name { get; set; } = "";
            }

            public record struct Counter(int Value);

            public sealed class UserGrain(
                [PersistentState("profile")] IPersistentState<Profile> profile,
                [PersistentState("counter", "fast")] IPersistentState<Counter> counter,
                [PersistentState("archive", "Default")] IPersistentState<Profile> archive) : Grain
            {
                public string Describe() => profile.State.Name + counter.State.Value + archive.State.Name;
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("Cluster.Generated.GrainMetadata.g.cs");
        Assert.Contains("ctx.GetPersistentState<global::MyApp.Profile>(\"profile\", \"Default\", static () => new global::MyApp.Profile())", text);
        Assert.Contains("ctx.GetPersistentState<global::MyApp.Counter>(\"counter\", \"fast\", static () => new global::MyApp.Counter())", text);
        Assert.Contains("), \"Default\", \"fast\");", text);
    }

    [Fact]
    public void Generate_ServiceParameters_ResolvesRequiredAndOptionalServices()
    {
        var source = GeneratorHarness.Usings + """
            using Microsoft.Extensions.Logging;

            namespace MyApp;

            public interface IClock
            {
            }

            public sealed class ChatGrain(
                ILogger<ChatGrain> logger,
                IClock? clock,
                IGrainActivationContext context,
                int retries = 3,
                string label = "chat",
                IClock? fallback = null,
                TimeSpan delay = default,
                double ratio = double.NaN) : Grain
            {
                public string Describe() => $"{logger}{clock}{context}{retries}{label}{fallback}{delay}{ratio}";
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("Cluster.Generated.GrainMetadata.g.cs");
        Assert.Contains("ServiceProviderServiceExtensions.GetRequiredService<global::Microsoft.Extensions.Logging.ILogger<global::MyApp.ChatGrain>>(ctx.Services)", text);
        Assert.Contains("ServiceProviderServiceExtensions.GetService<global::MyApp.IClock?>(ctx.Services), ctx, ", text);
        Assert.Contains("is int service3 ? service3 : (int)(3)", text);
        Assert.Contains("is string service4 ? service4 : \"chat\"", text);
        Assert.Contains("is global::System.TimeSpan service6 ? service6 : default(global::System.TimeSpan)", text);
        Assert.Contains("(double)(global::System.Double.NaN)", text);
        Assert.Contains("\"chat\"), global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetService<global::MyApp.IClock?>(ctx.Services), (ctx.Services.GetService(typeof(global::System.TimeSpan))", text);
    }

    [Fact]
    public void Generate_SeveralConstructors_UsesThePublicOneWithMostParameters()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface IClock
            {
            }

            public sealed class TimedGrain : Grain
            {
                public TimedGrain()
                {
                }

                public TimedGrain(IClock clock)
                {
                    Clock = clock;
                }

                private TimedGrain(IClock clock, int extra)
                    : this(clock)
                {
                    Extra = extra;
                }

                public IClock? Clock { get; }

                public int Extra { get; }
            }

            public sealed class PlainGrain : Grain
            {
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("Cluster.Generated.GrainMetadata.g.cs");
        Assert.Contains("builder.AddGrainClass<global::MyApp.TimedGrain>(static ctx => new global::MyApp.TimedGrain(global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<global::MyApp.IClock>(ctx.Services)));", text);
        Assert.Contains("builder.AddGrainClass<global::MyApp.PlainGrain>(static ctx => new global::MyApp.PlainGrain());", text);
    }

    [Fact]
    public void Generate_GrainClassDerivedFromAbstractGrain_RegistersOnlyTheConcreteClass()
    {
        var source = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface ICounterGrain : IGrainWithIntegerKey
            {
                Task<int> Next();
            }

            public abstract class CounterBase : Grain
            {
                protected int Value { get; set; }
            }

            internal sealed partial class CounterGrain : CounterBase, ICounterGrain
            {
                public Task<int> Next() => Task.FromResult(++Value);
            }

            internal sealed partial class CounterGrain
            {
            }
            """;

        var result = GeneratorHarness.Run(source);

        result.AssertCompilesCleanly();
        var text = result.GeneratedText("Cluster.Generated.GrainMetadata.g.cs");
        Assert.Contains("builder.AddGrainClass<global::MyApp.CounterGrain>(", text);
        Assert.DoesNotContain("CounterBase", text);
        Assert.Contains("builder.AddInterface<global::MyApp.ICounterGrain>(static (invoker, id) => new global::Cluster.Generated.MyApp_ICounterGrain_Proxy(invoker, id));", text);
    }
}
