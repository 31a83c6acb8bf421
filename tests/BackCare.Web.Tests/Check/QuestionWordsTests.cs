using System.Net;
using BackCare.Clinical.Findings;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Web.Tests.Check;

/// <summary>What a question page says about where the person is, and how it reads a number typed in their own words.</summary>
public sealed class QuestionWordsTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly Dictionary<string, string> SelfCare = new()
    {
        ["age"] = "34", ["sex"] = "male", ["trigger"] = "lifting", ["onset_days"] = "1", ["course"] = "unchanged",
        ["pain_score"] = "7", ["pain_region"] = "lower", ["previous_episodes"] = "0", ["self_care_days"] = "1",
    };

    [Fact]
    public async Task Given_a_simple_check_When_each_question_opens_Then_it_says_Question_N_of_about_M_and_the_guess_ends_exact()
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        var steps = new List<(int Number, int Total)>();
        while (page.Path.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            var step = page.Document.QuerySelector("p.step")!.TextContent;
            var match = System.Text.RegularExpressions.Regex.Match(step, @"^Question (\d+) of about (\d+)$");
            match.Success.ShouldBeTrue($"'{step}'");
            steps.Add((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)));
            await page.Submit(SelfCare.GetValueOrDefault(page.Path["/check/question/".Length..], "no"));
            steps.Count.ShouldBeLessThan(25);
        }

        steps.Select(s => s.Number).ShouldBe(Enumerable.Range(1, steps.Count), "numbered in order");
        steps.ShouldAllBe(s => s.Total >= s.Number);
        steps[0].Total.ShouldBeInRange(steps.Count - 3, steps.Count + 3, "a fair guess from the start");
        steps[^1].Total.ShouldBe(steps.Count, "exact at the last question");
    }

    [Theory]
    [InlineData("age", "45 years", 45)]
    [InlineData("age", "45 years old", 45)]
    [InlineData("onset_days", "yesterday", 1)]
    [InlineData("onset_days", "a week ago", 7)]
    [InlineData("onset_days", "2 weeks", 14)]
    [InlineData("onset_days", "today", 0)]
    [InlineData("previous_episodes", "twice", 2)]
    [InlineData("previous_episodes", "3 times", 3)]
    [InlineData("previous_episodes", "none", 0)]
    public async Task Given_a_number_in_the_person_s_words_When_answered_Then_it_is_read_and_the_check_goes_on(string key, string answer, int expected)
    {
        var page = await OpenAsync(key);

        await page.Submit(answer);

        page.Document.QuerySelector(".error-summary").ShouldBeNull($"'{answer}' is a number");
        page.Path.ShouldNotBe("/check/question/" + key);
        var state = StateOf(page);
        var value = key == "age" ? state.Age : state.Findings.ValueOf(FindingCatalog.TryGet(key, out var definition) ? definition.Code : throw new KeyNotFoundException(key)) switch
        {
            int whole => whole,
            double number => (int)number,
            _ => (int?)null,
        };
        value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("previous_episodes", "a few")]
    [InlineData("onset_days", "a few days ago")]
    [InlineData("onset_days", "some")]
    public async Task Given_a_vague_amount_When_answered_Then_the_question_comes_back_asking_plainly_for_a_number(string key, string answer)
    {
        var page = await OpenAsync(key);

        await page.Submit(answer);

        page.Path.ShouldBe("/check/question/" + key);
        var error = page.Document.QuerySelector(".error-summary")!.TextContent;
        error.ShouldContain("Please give a number, even a rough guess");
        error.ShouldNotContain("2147483647");
        error.ShouldNotContain("36500");
        page.Document.Title!.ShouldStartWith("Error:");
    }

    [Fact]
    public async Task Given_a_huge_count_When_answered_Then_it_is_refused_in_plain_words_without_a_computer_range()
    {
        var page = await OpenAsync("previous_episodes");

        await page.Submit("99999999999");

        page.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("That seems too many");
        page.Document.Body!.TextContent.ShouldNotContain("2147483647");
    }

    /// <summary>Answers the check up to the question <paramref name="key"/> with a simple home-care case.</summary>
    private async Task<PageClient> OpenAsync(string key)
    {
        var page = new PageClient(factory.CreateClient());
        await page.Open("/check/question/age");
        while (page.Path != "/check/question/" + key)
        {
            page.Path.ShouldStartWith("/check/question/");
            await page.Submit(SelfCare.GetValueOrDefault(page.Path["/check/question/".Length..], "no"));
        }

        page.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return page;
    }

    private BackCare.Web.Check.CheckState StateOf(PageClient page)
    {
        var token = page.Document.QuerySelector("input[name=s]")!.GetAttribute("value");
        var protector = factory.Services.GetRequiredService<BackCare.Web.Check.CheckStateProtector>();
        return protector.Unprotect(token).ShouldNotBeNull();
    }
}
