using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Cluster.Runtime.Generators.Tests;

/// <summary>Which request factories the metadata provider registers, and under which interfaces.</summary>
public class RequestRegistrationTests
{
    private const string Source = GeneratorHarness.Usings + """
        namespace MyApp;

        public interface IPlain
        {
            Task<int> FromPlain(int value);
        }

        public interface IBaseGrain : IGrainWithStringKey
        {
            Task Save(int value);
            Task<string> Load();
        }

        public interface IDerivedGrain : IBaseGrain, IPlain
        {
            Task Extra(string text, CancellationToken cancellationToken);
            new Task<string> Load();
        }

        public interface ILeft : IGrainWithStringKey
        {
            Task Clash(int value);
        }

        public interface IRight : IGrainWithStringKey
        {
            Task Clash(int value);
        }

        public interface IBoth : ILeft, IRight
        {
        }

        public interface IWatcher : IGrainObserver
        {
            void Seen(string what);
        }
        """;

    private static readonly Lazy<GenerationResult> Result = new(() => GeneratorHarness.Run(Source));

    private static readonly Lazy<Assembly> Generated = new(() => Result.Value.Load());

    private static readonly Lazy<RegisteredRequests> Registered = new(() => new RegisteredRequests(Generated.Value));

    [Fact]
    public void Populate_GrainInterface_RegistersEveryMethodUnderIt()
    {
        Assert.Equal(["Load()", "Save(System.Int32)"], Registered.Value.KeysOf("MyApp.IBaseGrain"));
    }

    [Fact]
    public void Populate_RegisteredFactory_CreatesTheRequestOfThatMethod()
    {
        foreach (var ((interfaceType, methodKey), create) in Registered.Value.Factories)
        {
            var request = create();

            Assert.Equal(methodKey, request.MethodKey);
            Assert.NotSame(request, create());
            Assert.Contains(interfaceType.GetMethods().Concat(interfaceType.GetInterfaces().SelectMany(i => i.GetMethods())), m => m.Name == request.MethodName);
        }
    }

    [Fact]
    public void Populate_DerivedInterface_RegistersInheritedMethodsUnderBothInterfaces()
    {
        Assert.Equal(
            ["Extra(System.String,System.Threading.CancellationToken)", "FromPlain(System.Int32)", "Load()", "Save(System.Int32)"],
            Registered.Value.KeysOf("MyApp.IDerivedGrain"));
        Assert.Equal("MyApp.IBaseGrain", Registered.Value.Create("MyApp.IDerivedGrain", "Save(System.Int32)").InterfaceName);
        Assert.Equal("MyApp.IBaseGrain", Registered.Value.Create("MyApp.IBaseGrain", "Save(System.Int32)").InterfaceName);
    }

    [Fact]
    public void Populate_MethodHiddenWithNew_ResolvesAsCSharpLookupDoes()
    {
        Assert.Equal("MyApp.IDerivedGrain", Registered.Value.Create("MyApp.IDerivedGrain", "Load()").InterfaceName);
        Assert.Equal("MyApp.IBaseGrain", Registered.Value.Create("MyApp.IBaseGrain", "Load()").InterfaceName);
    }

    [Fact]
    public void Populate_PlainBaseInterface_IsNotRegisteredAsItCannotBeAddressed()
    {
        Assert.DoesNotContain(Registered.Value.Factories.Keys, key => key.Interface.Name == "IPlain");
    }

    [Fact]
    public void Populate_SameKeyFromUnrelatedBases_RegistersEachOnlyUnderItsDeclaringInterface()
    {
        Assert.Empty(Registered.Value.KeysOf("MyApp.IBoth"));
        Assert.Equal("MyApp.ILeft", Registered.Value.Create("MyApp.ILeft", "Clash(System.Int32)").InterfaceName);
        Assert.Equal("MyApp.IRight", Registered.Value.Create("MyApp.IRight", "Clash(System.Int32)").InterfaceName);
    }

    [Fact]
    public void Populate_ObserverInterface_RegistersItsMethods()
    {
        Assert.Equal(["Seen(System.String)"], Registered.Value.KeysOf("MyApp.IWatcher"));
    }

    [Fact]
    public void Generate_MethodOfABaseProxiedHere_IsRegisteredOnceThroughTheBaseProxy()
    {
        var text = Result.Value.GeneratedText("Cluster.Generated.GrainMetadata.g.cs");

        var line = Assert.Single(text.Split('\n'), l => l.Contains("AddRequest<global::MyApp.IBaseGrain>(\"Save(System.Int32)\"", StringComparison.Ordinal));
        Assert.Contains("new global::Cluster.Generated.MyApp_IBaseGrain_Proxy.Save_0_Request()", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Populate_BaseInterfaceFromReferencedAssembly_RegistersItsMethodsUnderBothInterfaces()
    {
        var library = GeneratorHarness.Usings + """
            namespace Contracts;

            public interface IRemoteGrain : IGrainWithStringKey
            {
                Task<int> Get(string name);
            }
            """;
        var libraryResult = GeneratorHarness.Run(GeneratorHarness.Compile([library], assemblyName: "Contracts"), [library]);
        var libraryAssembly = libraryResult.Load();
        var consumer = GeneratorHarness.Usings + """
            namespace MyApp;

            public interface ILocalGrain : Contracts.IRemoteGrain
            {
                Task Set(int value);
            }
            """;
        var reference = MetadataReference.CreateFromImage(Image(libraryResult.Output));
        var consumerResult = GeneratorHarness.Run(GeneratorHarness.Compile([consumer], [reference]), [consumer]);
        consumerResult.AssertCompilesCleanly();
        ResolveEventHandler resolve = (_, args) => args.Name.StartsWith("Contracts,", StringComparison.Ordinal) ? libraryAssembly : null;
        AppDomain.CurrentDomain.AssemblyResolve += resolve;
        RegisteredRequests registered;
        try
        {
            registered = new RegisteredRequests(consumerResult.Load());
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyResolve -= resolve;
        }

        Assert.Equal(["Get(System.String)", "Set(System.Int32)"], registered.KeysOf("MyApp.ILocalGrain"));
        var remote = libraryAssembly.GetType("Contracts.IRemoteGrain", throwOnError: true)!;
        Assert.Equal("Contracts.IRemoteGrain", registered.Factories[(remote, "Get(System.String)")]().InterfaceName);
    }

    private static byte[] Image(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        return stream.ToArray();
    }
}
