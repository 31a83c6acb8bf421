using System.Net;
using System.Text.Json;
using BackCare.Clinical.Findings;
using BackCare.Data;
using BackCare.Web.Check;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Accounts;

public sealed class SaveCheckTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    /// <summary>A 34-year-old man who lifted a sofa yesterday: no red flags, pain 7, lower back.</summary>
    private static readonly Dictionary<string, string> SelfCareAnswers = new()
    {
        ["age"] = "34",
        ["sex"] = "male",
        ["trigger"] = "lifting",
        ["onset_days"] = "1",
        ["course"] = "unchanged",
        ["pain_score"] = "7",
        ["pain_region"] = "lower",
        ["previous_episodes"] = "0",
        ["self_care_days"] = "1",
        ["daily_life"] = "sleep_disturbed",
    };

    [Fact]
    public async Task Given_a_check_finished_without_an_account_When_the_person_saves_it_by_signing_up_Then_it_is_in_their_new_account_once()
    {
        using var browser = new Browser(factory);
        await FinishCheck(browser);
        browser.Address.ShouldStartWith("/check/result?s=");
        var resultAddress = browser.Address;
        browser.Document.QuerySelector(".result-actions").ShouldNotBeNull();

        await browser.FollowLink("Save this result to an account");
        browser.Text.ShouldContain("Create an account to save your check");
        var email = Accounts.NewEmail();
        await browser.Submit(new() { ["displayName"] = "Kim", ["email"] = email, ["password"] = Accounts.Password });
        await browser.SignInAfterSigningUp(email);

        browser.Address.ShouldBe(resultAddress, "back on the result, now saved");
        browser.Document.QuerySelector(".notice")!.TextContent.ShouldContain("This result is saved in your account");
        browser.Document.QuerySelector("#save-title").ShouldBeNull();
        await browser.Open(resultAddress);
        await browser.Open("/account");
        var rows = browser.Document.QuerySelectorAll("ul.saved-checks li");
        rows.Length.ShouldBe(1, "opening the result again does not save it twice");
        rows[0].TextContent.ShouldContain("Home care");

        using var list = await browser.Client.GetAsync("/api/assessments");
        using var saved = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var item = saved.RootElement.EnumerateArray().Single();
        item.GetProperty("disposition").GetString().ShouldBe("self_care");
        using var one = await browser.Client.GetAsync($"/api/assessments/{item.GetProperty("id").GetString()}");
        var storedResult = await one.Content.ReadAsStringAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var stored = await db.SavedAssessments.AsNoTracking().SingleAsync(a => a.Id == item.GetProperty("id").GetGuid());
        using var anonymous = factory.CreateClient();
        using var again = await Accounts.PostCase(anonymous, stored.CaseJson);
        (await again.Content.ReadAsStringAsync()).ShouldBe(storedResult, "the saved case, assessed by the API, gives the saved result");
        stored.Age.ShouldBe(34);
    }

    [Fact]
    public async Task Given_an_emergency_check_and_an_account_When_the_person_signs_in_to_save_it_Then_it_is_saved_as_an_emergency()
    {
        var email = Accounts.NewEmail();
        using var browser = new Browser(factory);
        using (var registered = await Accounts.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var token = Protect(EmergencyState());

        await browser.Open("/account/sign-in?s=" + token);
        browser.Text.ShouldContain("Sign in to save your check");
        await browser.Submit(new() { ["email"] = email, ["password"] = Accounts.Password });

        browser.Address.ShouldBe(CheckLinks.Result(token));
        using var list = await browser.Client.GetAsync("/api/assessments");
        using var saved = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        saved.RootElement.EnumerateArray().Single().GetProperty("disposition").GetString().ShouldBe("emergency");
    }

    [Fact]
    public async Task Given_a_check_state_altered_in_the_browser_When_signing_up_with_it_Then_the_account_is_made_but_nothing_is_saved()
    {
        using var browser = new Browser(factory);
        var token = Protect(EmergencyState());
        var altered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];

        await browser.Open("/account/sign-up?s=" + altered);
        browser.Document.QuerySelector("input[name=s]").ShouldBeNull("an unreadable check is not carried");
        var email = Accounts.NewEmail();
        await browser.Post("/account/sign-up", new()
        {
            ["displayName"] = "Kim",
            ["email"] = email,
            ["password"] = Accounts.Password,
            ["s"] = altered,
            ["__RequestVerificationToken"] = browser.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        });
        await browser.SignInAfterSigningUp(email);

        browser.Address.ShouldBe("/account");
        using var list = await browser.Client.GetAsync("/api/assessments");
        (await list.Content.ReadAsStringAsync()).ShouldBe("[]");
    }

    [Fact]
    public async Task Given_a_signed_in_person_When_they_reach_the_result_of_a_check_Then_it_is_saved_once_however_often_they_open_it()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(Accounts.NewEmail());

        await FinishCheck(browser);
        var result = browser.Address;
        browser.Document.QuerySelector(".notice")!.TextContent.ShouldContain("saved in your account");
        await browser.Open(result);
        await browser.Open(result.Replace("/check/result", "/check/plan", StringComparison.Ordinal));

        using var list = await browser.Client.GetAsync("/api/assessments");
        using var saved = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        saved.RootElement.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Given_no_sign_in_When_the_check_reaches_its_result_Then_nothing_is_stored()
    {
        using var browser = new Browser(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var before = await db.SavedAssessments.CountAsync();

        await FinishCheck(browser);

        browser.Address.ShouldStartWith("/check/result");
        (await db.SavedAssessments.CountAsync()).ShouldBe(before);
    }

    private string Protect(CheckState state) => factory.Services.GetRequiredService<CheckStateProtector>().Protect(state);

    private static CheckState EmergencyState()
    {
        var state = new CheckState { Age = 50, SexAnswered = true };
        state.Findings.Set(FindingCode.BladderDysfunction, true);
        return state;
    }

    /// <summary>Answers the check page by page ("no" to anything not listed) and opens the result.</summary>
    private static async Task FinishCheck(Browser browser)
    {
        await browser.Open("/check/question/age");
        for (var pages = 0; browser.Address.StartsWith("/check/question/", StringComparison.Ordinal); pages++)
        {
            pages.ShouldBeLessThan(20);
            var key = browser.Address["/check/question/".Length..].Split('?')[0];
            var answer = SelfCareAnswers.GetValueOrDefault(key, "no");
            var isGroup = browser.Document.QuerySelector("form.question input[name=tick]") is not null;
            Dictionary<string, string> fields = !isGroup ? new() { ["answer"] = answer }
                : answer == "no" ? new() { ["none"] = "true" }
                : new() { ["tick"] = answer };
            await browser.Submit(fields, "form.question");
        }

        browser.Address.ShouldStartWith("/check/answers");
        await browser.FollowLink("See my advice");
    }
}
