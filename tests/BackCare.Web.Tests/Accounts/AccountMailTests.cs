using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackCare.Web.Tests.Email;

namespace BackCare.Web.Tests.Accounts;

/// <summary>Sign-up, confirmation and password reset through a real SMTP server, following the links in the messages.</summary>
[Collection(TimedTests.Name)]
public sealed class AccountMailTests
{
    [Fact]
    public async Task Given_a_sign_up_When_the_person_follows_the_confirmation_link_Then_the_address_is_confirmed_and_a_second_use_still_says_so()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();

        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var message = await smtp.NextMessageToAsync(email);
        var link = SmtpTestServer.Link(message, "/account/confirm");
        using var page = await client.GetAsync(link.PathAndQuery);
        using var forged = await client.GetAsync(link.PathAndQuery.Replace("token=", "token=x", StringComparison.Ordinal));

        (await page.Content.ReadAsStringAsync()).ShouldContain("Email address confirmed");
        (await forged.Content.ReadAsStringAsync()).ShouldContain("This link has expired");
    }

    [Fact]
    public async Task Given_an_email_that_has_an_account_When_someone_signs_up_with_it_Then_the_owner_is_told_by_email_and_the_answer_is_the_same()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await smtp.NextMessageToAsync(email);

        using var again = await Accounts.Register(client, email, "another long passphrase");

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var notice = await smtp.NextMessageToAsync(email);
        SmtpTestServer.Links(notice).ShouldContain(l => l.AbsolutePath == "/account/forgot-password");
        SmtpTestServer.Links(notice).ShouldNotContain(l => l.AbsolutePath == "/account/confirm");
    }

    [Fact]
    public async Task Given_a_forgotten_password_When_the_reset_link_is_followed_Then_the_new_password_works_the_old_does_not_and_the_link_works_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        using var client = factory.CreateClient();
        var email = Accounts.NewEmail();
        (await Accounts.Register(client, email)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await smtp.NextMessageToAsync(email);
        var signedIn = await Accounts.SignIn(factory, email);

        using var asked = await client.PostAsJsonAsync("/api/account/password-reset", new { email });
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var link = SmtpTestServer.Link(await smtp.NextMessageToAsync(email), "/account/reset-password");
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        const string newPassword = "a new and long passphrase";
        using var reset = await client.PostAsJsonAsync("/api/account/password-reset/confirm", new { email = query["email"], token = query["token"], newPassword });
        using var again = await client.PostAsJsonAsync("/api/account/password-reset/confirm", new { email = query["email"], token = query["token"], newPassword = "yet another passphrase 7" });

        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a reset link works once");
        (await Accounts.Login(client, email)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Accounts.Login(client, email, newPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signedIn.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a reset ends every session");
        var changed = await smtp.NextMessageToAsync(email);
        changed.Subject.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Given_an_unknown_and_a_known_email_When_a_reset_is_asked_Then_the_same_202_and_words_and_mail_only_to_the_account()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        using var client = factory.CreateClient();
        var known = Accounts.NewEmail();
        var unknown = Accounts.NewEmail();
        (await Accounts.Register(client, known)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await smtp.NextMessageToAsync(known);

        using var forUnknown = await client.PostAsJsonAsync("/api/account/password-reset", new { email = unknown });
        using var forKnown = await client.PostAsJsonAsync("/api/account/password-reset", new { email = known });

        forUnknown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        forKnown.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await forUnknown.Content.ReadAsStringAsync()).Replace(unknown, "E", StringComparison.Ordinal)
            .ShouldBe((await forKnown.Content.ReadAsStringAsync()).Replace(known, "E", StringComparison.Ordinal));
        await smtp.NextMessageToAsync(known);
        smtp.Messages.ShouldNotContain(m => m.To.ToString().Contains(unknown, StringComparison.OrdinalIgnoreCase), "mail is sent in order; the unknown one would be here by now");
    }

    [Fact]
    public async Task Given_a_request_to_change_the_email_When_the_link_to_the_new_address_is_followed_Then_the_account_moves_sessions_end_and_the_old_address_is_told()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var factory = BackCareFactory.With(smtp.Settings);
        using var client = factory.CreateClient();
        var old = Accounts.NewEmail();
        var moved = Accounts.NewEmail();
        (await Accounts.Register(client, old)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await smtp.NextMessageToAsync(old);
        var signedIn = await Accounts.SignIn(factory, old);

        using var wrong = await signedIn.PostAsJsonAsync("/api/account/email", new { newEmail = moved, password = "not the password at all" });
        using var asked = await signedIn.PostAsJsonAsync("/api/account/email", new { newEmail = moved, password = Accounts.Password });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await Accounts.Login(client, old)).StatusCode.ShouldBe(HttpStatusCode.OK, "nothing changes until the link is followed");
        var link = SmtpTestServer.Link(await smtp.NextMessageToAsync(moved), "/account/confirm-new-email");
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        using var forged = await client.PostAsJsonAsync("/api/account/email/confirm", new { accountId = query["id"], newEmail = Accounts.NewEmail(), token = query["token"] });
        using var confirmed = await client.PostAsJsonAsync("/api/account/email/confirm", new { accountId = query["id"], newEmail = query["email"], token = query["token"] });

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "the token is for the address it was sent to");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await signedIn.GetAsync("/api/diary")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "moving the account ends its sessions");
        (await Accounts.Login(client, old)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Accounts.Login(client, moved)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var notice = await smtp.NextMessageToAsync(old);
        SmtpTestServer.Links(notice).ShouldContain(l => l.AbsolutePath == "/account/forgot-password");
    }

    [Fact]
    public async Task Given_unknown_wrong_and_waiting_sign_ins_and_resets_When_timed_Then_their_median_times_differ_by_under_20_percent()
    {
        using var factory = new BackCareFactory();
        using var client = factory.CreateClient();
        var known = Accounts.NewEmail();
        var waiting = Accounts.NewEmail();
        (await Accounts.Register(client, known)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await Accounts.Register(client, waiting)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        for (var i = 0; i < 6; i++)
        {
            await Accounts.Login(client, waiting, "a wrong guess of a password");
        }

        var unknownSignIn = new List<double>();
        var wrongSignIn = new List<double>();
        var waitingSignIn = new List<double>();
        var unknownReset = new List<double>();
        var knownReset = new List<double>();
        for (var round = -3; round < 25; round++)
        {
            if (round == 0)
            {
                // The first rounds warm up the host (compiled queries, the decoy hash); they are not counted.
                foreach (var list in new[] { unknownSignIn, wrongSignIn, waitingSignIn, unknownReset, knownReset })
                {
                    list.Clear();
                }
            }

            unknownSignIn.Add(await TimeAsync(() => Accounts.Login(client, Accounts.NewEmail(), "a wrong guess of a password")));
            wrongSignIn.Add(await TimeAsync(() => Accounts.Login(client, known, $"a wrong guess number {Math.Abs(round) % 4}")));
            waitingSignIn.Add(await TimeAsync(() => Accounts.Login(client, waiting)));
            unknownReset.Add(await TimeAsync(() => client.PostAsJsonAsync("/api/account/password-reset", new { email = Accounts.NewEmail() })));
            knownReset.Add(await TimeAsync(() => client.PostAsJsonAsync("/api/account/password-reset", new { email = known })));
        }

        Close(Median(unknownSignIn), Median(wrongSignIn)).ShouldBeTrue($"unknown {Median(unknownSignIn):F1} ms, wrong {Median(wrongSignIn):F1} ms");
        Close(Median(unknownSignIn), Median(waitingSignIn)).ShouldBeTrue($"unknown {Median(unknownSignIn):F1} ms, waiting {Median(waitingSignIn):F1} ms");
        Close(Median(unknownReset), Median(knownReset)).ShouldBeTrue($"unknown {Median(unknownReset):F1} ms, known {Median(knownReset):F1} ms");
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await send();
        ((int)response.StatusCode).ShouldBeLessThan(500);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    private static bool Close(double a, double b) => Math.Abs(a - b) < 0.2 * Math.Max(a, b);
}

/// <summary>Tests that compare how long answers take run alone, not beside other tests that load the machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedTests
{
    public const string Name = "Timed tests";
}
