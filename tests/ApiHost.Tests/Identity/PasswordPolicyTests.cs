using Cluster.ApiHost.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Tests.Identity;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("violet tractor ocean lamp")]
    [InlineData("Zebra-Kettle-1987-Moon")]
    [InlineData("日本語のパスワードです長い")]
    public void Check_LongUncommonPassword_IsAccepted(string password)
    {
        Assert.Empty(NewPolicy().Check(password, "ada@example.com"));
    }

    [Theory]
    [InlineData("Password2024!")]
    [InlineData("qwertyuiop123")]
    [InlineData("!!Welcome12345")]
    [InlineData("123456789012")]
    [InlineData("098765432109")]
    [InlineData("121212121212")]
    public void Check_CommonPasswordDressedUp_IsRefusedAsTooCommon(string password)
    {
        var problems = NewPolicy().Check(password, null);

        Assert.Contains(problems, problem => problem.StartsWith("This password is too common", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_TooShort_SaysTheMinimumAndTheLength()
    {
        var problem = Assert.Single(NewPolicy().Check("tiny words", null));

        Assert.Equal("Use at least 12 characters; this password has 10.", problem);
    }

    [Theory]
    [InlineData("ada.lovelace@example.com1")]
    [InlineData("my-ada.lovelace-secret")]
    public void Check_ContainsTheEmailOrItsName_IsRefused(string password)
    {
        Assert.Contains("Do not use your email address, or its name part, as your password.", NewPolicy().Check(password, "Ada.Lovelace@example.com"));
    }

    [Fact]
    public void Check_OneCharacterRepeated_IsRefused()
    {
        Assert.Contains("Do not repeat one character.", NewPolicy().Check("zzzzzzzzzzzzzz", null));
    }

    [Fact]
    public void Check_CompositionRulesOn_NamesEachMissingKind()
    {
        var policy = NewPolicy(new PasswordPolicyOptions { RequireUppercase = true, RequireDigit = true, RequireSymbol = true, RequireLowercase = true });

        var problems = policy.Check("violet tractor ocean lamp", null);

        Assert.Equal(["Include an upper-case letter.", "Include a digit."], problems);
    }

    [Fact]
    public void Check_LongerThanTheMaximum_IsRefused()
    {
        Assert.Contains("Use at most 128 characters; this password has 129.", NewPolicy().Check(new string('a', 64) + new string('b', 65), null));
    }

    [Theory]
    [InlineData(7, 128, "Identity:PasswordPolicy:MinLength")]
    [InlineData(12, 2000, "Identity:PasswordPolicy:MaxLength")]
    public void Validate_LengthOutOfRange_FailsNamingTheSetting(int min, int max, string setting)
    {
        var result = new PasswordPolicyOptionsValidator().Validate(Options.DefaultName, new PasswordPolicyOptions { MinLength = min, MaxLength = max });

        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }

    private static PasswordPolicy NewPolicy(PasswordPolicyOptions? options = null) => new(Options.Create(options ?? new PasswordPolicyOptions()));
}
