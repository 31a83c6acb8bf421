using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Data.Accounts;
using BackCare.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

[Collection(BrowserTestGroup.Name)]
public sealed class TwoStepJourneyTests(BrowserHost host, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Given_a_new_clinician_on_a_phone_When_they_first_sign_in_Then_they_set_up_an_authenticator_and_the_next_time_sign_in_with_its_code()
    {
        var email = $"dr-{Guid.NewGuid():N}@example.org";
        const string password = "a clinician's long password";
        await NewClinicianOfTheDemoClinicAsync(email, password);
        var page = await host.NewPhonePage();

        await page.GotoAsync("/account/sign-in?returnUrl=%2Fclinic");
        await page.TypeInto("email", email);
        await page.TypeInto("password", password);
        await page.PressSubmit("the Sign in button");

        new Uri(page.Url).AbsolutePath.ShouldBe("/account/two-step", "nothing of the clinic opens before two steps are on");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("must use two-step sign-in");
        await page.ShouldBeAccessible("40-two-step-set-up", output);
        var key = (await page.Locator(".authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        (await page.Locator(".authenticator-uri").InnerTextAsync()).ShouldStartWith("otpauth://totp/BackCare:");
        await page.TypeInto("code", Totp.NextCode(key));
        await page.TypeInto("password", password);
        await page.PressSubmit("the Turn on button");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Two-step sign-in is on");
        (await page.Locator(".recovery-codes code").CountAsync()).ShouldBe(10);
        await page.ShouldBeAccessible("41-two-step-recovery-codes", output);
        await page.FollowLink("I have kept my recovery codes");
        new Uri(page.Url).AbsolutePath.ShouldBe("/clinic");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: Example Valley Back Clinic");

        await page.GotoAsync("/account/sign-out");
        await page.PressSubmit("the Sign out button");
        await page.GotoAsync("/account/sign-in?returnUrl=%2Fclinic");
        await page.TypeInto("email", email);
        await page.TypeInto("password", password);
        await page.PressSubmit("the Sign in button");

        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in/code");
        await page.ShouldBeAccessible("42-sign-in-code", output);
        await page.TypeInto("code", Totp.NextCode(key));
        await page.PressSubmit("the Sign in button");
        new Uri(page.Url).AbsolutePath.ShouldBe("/clinic");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Worklist: Example Valley Back Clinic");
    }

    /// <summary>A clinician's account in the demo clinic, made on the server as an administrator would.</summary>
    private async Task NewClinicianOfTheDemoClinicAsync(string email, string password)
    {
        using var http = host.CreateHttpClient();
        var clinic = (await http.GetFromJsonAsync<JsonElement>("/api/clinics")).EnumerateArray().First().GetProperty("id").GetGuid();
        await using var scope = host.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().RegisterClinicianAsync(email, password, "Dr Jo Keys", clinic);
        outcome.Succeeded.ShouldBeTrue();
    }
}

/// <summary>Signing in as clinic staff, who must use two steps: the first time it sets them up, after that it types the code.</summary>
internal static class StaffSignIn
{
    /// <summary>The authenticator key of each account set up in this run (the host, and its database, last the run).</summary>
    private static readonly ConcurrentDictionary<string, string> Keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Signs in with the password and a code, setting two steps up on the way if they are not yet on.</summary>
    public static async Task SignInWithTwoSteps(this IPage page, string email, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.TypeInto("email", email);
        await page.TypeInto("password", password);
        await page.PressSubmit("the Sign in button");
        if (new Uri(page.Url).AbsolutePath == "/account/two-step")
        {
            var key = (await page.Locator(".authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            await page.TypeInto("code", Totp.NextCode(key));
            await page.TypeInto("password", password);
            await page.PressSubmit("the Turn on button");
            (await page.Locator(".recovery-codes code").CountAsync()).ShouldBe(10);
            Keys[email] = key;
            return;
        }

        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-in/code");
        Keys.TryGetValue(email, out var known).ShouldBeTrue($"{email} set up two steps earlier in this run");
        await page.TypeInto("code", Totp.NextCode(known!));
        await page.PressSubmit("the Sign in button");
    }

    public static async Task TypeInto(this IPage page, string id, string text)
    {
        await page.TabTo($"e.id === '{id}'", $"the {id} box");
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to the main form's submit button and presses Enter.</summary>
    public static async Task PressSubmit(this IPage page, string what)
    {
        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('main form')", what);
        await page.PressAndWaitForNextPage("Enter");
    }
}
