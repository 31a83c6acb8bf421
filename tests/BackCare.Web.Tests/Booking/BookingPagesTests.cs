using System.Net;
using System.Net.Http.Json;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Booking.Booking;
using static BackCare.Web.Tests.Booking.BookingPages;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Booking;

/// <summary>Booking from the result page, without script: choose, sign up on the way, confirm; then the person's appointments.</summary>
public sealed class BookingPagesTests(WednesdayMorningHost host) : IClassFixture<WednesdayMorningHost>
{
    private BackCareFactory Factory => host.Factory;

    [Fact]
    public async Task Given_an_urgent_result_and_no_account_When_the_person_picks_a_time_signs_up_and_books_Then_the_visit_is_booked_with_their_saved_check()
    {
        using var browser = new Browser(Factory);
        await FinishCheck(browser, Urgent);
        var resultAddress = browser.Address;
        var slot = Groups(Offer(browser)!)[0].Slots[0];
        slot.Text.ShouldStartWith("Today, 1:00 PM Video call with ");

        await browser.Open(slot.Href);

        browser.Redirects.ShouldHaveSingleItem().ShouldStartWith("/account/sign-in?returnUrl=%2Fbook%2F");
        browser.Text.ShouldContain("Sign in to book your visit");
        await browser.FollowLink("Create an account");
        browser.Text.ShouldContain("Create an account to book your visit");
        var email = People.NewEmail();
        await browser.Submit(new() { ["displayName"] = "Robin", ["email"] = email, ["password"] = People.Password });
        await browser.SignInAfterSigningUp(email, People.Password);

        browser.Address.ShouldBe(slot.Href, "back on the time chosen, with the check");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Check and book");
        browser.Text.ShouldContain("Wednesday 9 December 2026, 1:00 PM");
        var reason = browser.Document.QuerySelector("textarea#reason")!.TextContent;
        reason.ShouldStartWith("Back pain check: See a doctor today.");
        reason.ShouldContain("fever", Case.Insensitive);
        await browser.Submit(new() { ["reason"] = "Fever and back pain since Sunday" }, "main form.account-form");

        browser.Address.ShouldMatch(@"^/account/appointments/[0-9a-f-]{36}\?notice=booked$");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Your visit is booked");
        browser.Text.ShouldContain("Wednesday 9 December 2026, 1:00 PM");
        browser.Text.ShouldContain("Video call");
        browser.Text.ShouldContain(slot.Text["Today, 1:00 PM Video call with ".Length..]);
        browser.Text.ShouldContain("Fever and back pain since Sunday");
        var join = browser.Document.QuerySelector("a.button[href^='https://meet.example.org/backcare/']").ShouldNotBeNull();
        join.TextContent.ShouldBe("Join the video call");

        var id = Guid.Parse(browser.Address.Split('/', '?')[3]);
        var (appointment, saved) = await WithDb(Factory, async db =>
        {
            var a = await db.Appointments.AsNoTracking().SingleAsync(x => x.Id == id);
            var s = await db.SavedAssessments.AsNoTracking().Where(x => x.OwnerId == a.OwnerId).ToListAsync();
            return (a, s);
        });
        saved.ShouldHaveSingleItem("the check is saved once, by the same flow as the result page's");
        appointment.AssessmentId.ShouldBe(saved[0].Id);
        appointment.Disposition.ShouldBe("urgent");
        appointment.Reason.ShouldBe("Fever and back pain since Sunday");
        appointment.JoinUrl.ShouldBe(join.GetAttribute("href"));
        var row = await WithDb(Factory, db => db.ClinicPatients.AsNoTracking().SingleAsync(p => p.PatientId == appointment.OwnerId));
        row.Priority.ShouldBe(ClinicPatient.PriorityOf("urgent"));
        row.Disposition.ShouldBe("urgent", "the worklist says why the person is on it");

        await browser.Open(resultAddress);
        browser.Document.QuerySelector(".notice")!.TextContent.ShouldContain("saved in your account");
        Groups(Offer(browser)!).SelectMany(g => g.Slots).ShouldNotContain(s => s.Href == slot.Href, "a booked time is no longer offered");
    }

    [Fact]
    public async Task Given_a_routine_result_and_an_account_When_the_person_picks_a_time_and_signs_in_Then_they_come_back_to_it_and_book_with_the_check()
    {
        var email = People.NewEmail();
        using var browser = new Browser(Factory);
        using (var registered = await People.Register(browser.Client, email))
        {
            registered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        await FinishCheck(browser, Routine);
        var slot = Groups(Offer(browser)!)[1].Slots[0];
        slot.Text.ShouldContain("At the clinic");
        await browser.Open(slot.Href);
        browser.Text.ShouldContain("Sign in to book your visit");

        await browser.Submit(new() { ["email"] = email, ["password"] = People.Password });

        browser.Address.ShouldBe(slot.Href);
        var prefilled = browser.Document.QuerySelector("textarea#reason")!.TextContent;
        prefilled.ShouldStartWith("Back pain check: Book an appointment in the next 1 to 2 weeks.");
        browser.Text.ShouldContain("Your check will be saved in your account and shared with the clinic");
        await browser.Submit(new() { ["reason"] = prefilled }, "main form.account-form");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Your visit is booked");
        browser.Document.QuerySelector("a[href^='https://meet.example.org/']").ShouldBeNull("a visit at the clinic has no video link");
        browser.Text.ShouldContain("Example Valley Back Clinic (demo), 1 Example Street");
        var id = Guid.Parse(browser.Address.Split('/', '?')[3]);
        var appointment = await WithDb(Factory, db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id));
        var saved = await WithDb(Factory, db => db.SavedAssessments.AsNoTracking().SingleAsync(a => a.OwnerId == appointment.OwnerId));
        appointment.AssessmentId.ShouldBe(saved.Id);
        saved.Disposition.ShouldBe("routine");
        appointment.Reason.ShouldBe(prefilled, "the reason as the check put it, when the person keeps it");
    }

    [Fact]
    public async Task Given_a_time_someone_else_books_meanwhile_When_the_person_confirms_it_Then_they_are_told_plainly_and_offered_other_times()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        await FinishCheck(browser, Routine);
        var slot = Groups(Offer(browser)!)[1].Slots[1];
        await browser.Open(slot.Href);
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Check and book");
        using (var other = await People.SignedInClient(Factory))
        using (var theirs = await Book(other, SlotIdOf(slot.Href).ToString()))
        {
            theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await browser.Submit(new() { ["reason"] = "Severe pain" }, "main form.account-form");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("That time has just been taken");
        browser.Document.QuerySelector(".notice")!.TextContent.ShouldContain("Someone else booked this time a moment ago. Nothing was booked for you.");
        var others = Groups(browser.Document.QuerySelector("main")!).SelectMany(g => g.Slots).ToList();
        others.ShouldNotBeEmpty();
        others.ShouldNotContain(s => s.Href == slot.Href);
        var mine = await WithDb(Factory, db => db.Appointments.CountAsync(a => a.SlotId == SlotIdOf(slot.Href)));
        mine.ShouldBe(1, "only the other person's booking");
    }

    [Fact]
    public async Task Given_a_booked_visit_When_the_person_cancels_it_from_their_appointments_after_confirming_Then_it_is_cancelled_and_the_time_is_free_again()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "in_person", 20);
        await browser.Open("/account");
        await browser.FollowLink("Your appointments");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Your appointments");
        browser.Document.QuerySelectorAll("ul.appointments a").ShouldHaveSingleItem().GetAttribute("href").ShouldBe($"/account/appointments/{id}");
        await browser.Open($"/account/appointments/{id}");
        await browser.FollowLink("Cancel this visit");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Cancel this visit?");
        (await Status(id)).ShouldBe(AppointmentStatus.Booked, "opening the question changes nothing");

        await browser.Submit(new Dictionary<string, string>());

        browser.Address.ShouldBe($"/account/appointments/{id}?notice=cancelled");
        browser.Text.ShouldContain("Your visit is cancelled.");
        browser.Document.QuerySelectorAll("a").ShouldNotContain(a => a.TextContent == "Cancel this visit");
        (await Status(id)).ShouldBe(AppointmentStatus.Cancelled);
        var slotId = await WithDb(Factory, db => db.Appointments.Where(a => a.Id == id).Select(a => a.SlotId).SingleAsync());
        using var other = await People.SignedInClient(Factory);
        using var rebooked = await Book(other, slotId.ToString());
        rebooked.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_a_booked_visit_When_the_person_chooses_a_new_time_and_confirms_Then_the_visit_moves_and_the_old_time_is_cancelled()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "telemedicine", 30);
        await browser.Open($"/account/appointments/{id}");
        await browser.FollowLink("Change the time");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Choose a new time");
        var choices = browser.Document.QuerySelectorAll("ul.slots a").Select(a => (Text: Squash(a.TextContent), Href: a.GetAttribute("href")!)).ToList();
        choices.ShouldNotBeEmpty("the first day's times; the other days are a choice away");
        choices.ShouldAllBe(c => c.Text.Contains("Video call"), "the same kind of visit");
        await browser.Open(choices[2].Href);
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Move your visit?");
        (await Status(id)).ShouldBe(AppointmentStatus.Booked);

        await browser.Submit(new Dictionary<string, string>());

        browser.Address.ShouldMatch(@"^/account/appointments/[0-9a-f-]{36}\?notice=moved$");
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("Your visit is moved");
        var moved = Guid.Parse(browser.Address.Split('/', '?')[3]);
        moved.ShouldNotBe(id);
        (await Status(id)).ShouldBe(AppointmentStatus.Cancelled);
        (await Status(moved)).ShouldBe(AppointmentStatus.Booked);
        var newSlot = await WithDb(Factory, db => db.Appointments.Where(a => a.Id == moved).Select(a => a.SlotId).SingleAsync());
        choices[2].Href.ShouldEndWith($"/reschedule/{newSlot}");
    }

    [Fact]
    public async Task Given_a_new_time_taken_meanwhile_When_the_person_confirms_the_move_Then_they_are_told_and_their_visit_stays_where_it_was()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "in_person", 40);
        await browser.Open($"/account/appointments/{id}/reschedule");
        var target = browser.Document.QuerySelectorAll("ul.slots a")[0].GetAttribute("href")!;
        await browser.Open(target);
        using (var other = await People.SignedInClient(Factory))
        using (var theirs = await Book(other, target.Split('/')[^1]))
        {
            theirs.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await browser.Submit(new Dictionary<string, string>());

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Text.ShouldContain("Someone else booked this time a moment ago");
        browser.Document.QuerySelectorAll("ul.slots a").ShouldNotContain(a => a.GetAttribute("href") == target);
        (await Status(id)).ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Given_another_person_s_appointment_When_its_pages_are_opened_or_posted_to_Then_404_and_it_stays_booked()
    {
        using var owner = new Browser(Factory);
        await owner.SignUp(People.NewEmail());
        var id = await BookWithCookie(owner, "in_person", 50);
        var slot = await AnyFreeSlot(owner.Client, "in_person", 51);
        using var stranger = new Browser(Factory);
        await stranger.SignUp(People.NewEmail());
        await stranger.Open("/account/appointments");
        var token = stranger.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        foreach (var page in new[] { "", "/cancel", "/reschedule", $"/reschedule/{slot}" })
        {
            await stranger.Open($"/account/appointments/{id}{page}");
            stranger.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }

        foreach (var page in new[] { "/cancel", $"/reschedule/{slot}" })
        {
            await stranger.Post($"/account/appointments/{id}{page}", new() { ["__RequestVerificationToken"] = token });
            stranger.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
        }

        await stranger.Open("/account/appointments");
        stranger.Document.QuerySelectorAll("ul.appointments a").Length.ShouldBe(0);
        (await Status(id)).ShouldBe(AppointmentStatus.Booked);
    }

    [Fact]
    public async Task Given_the_booking_forms_When_posted_without_their_antiforgery_token_Then_400_and_nothing_changes()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var id = await BookWithCookie(browser, "in_person", 60);
        var slot = await AnyFreeSlot(browser.Client, "in_person", 61);

        await browser.Post($"/book/{slot}", new() { ["reason"] = "Back pain" });
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await browser.Post($"/account/appointments/{id}/cancel", []);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await browser.Post($"/account/appointments/{id}/reschedule/{slot}", []);
        browser.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await Status(id)).ShouldBe(AppointmentStatus.Booked);
        (await WithDb(Factory, db => db.Appointments.CountAsync(a => a.SlotId == Guid.Parse(slot)))).ShouldBe(0);
    }

    [Fact]
    public async Task Given_an_empty_reason_When_the_booking_is_confirmed_Then_the_form_says_what_is_missing_and_nothing_is_booked()
    {
        using var browser = new Browser(Factory);
        await browser.SignUp(People.NewEmail());
        var slot = await AnyFreeSlot(browser.Client, "in_person", 70);
        await browser.Open($"/book/{slot}");
        browser.Document.QuerySelector("textarea#reason")!.TextContent.ShouldBe("", "without a check there is nothing to fill in");

        await browser.Submit(new() { ["reason"] = "  " }, "main form.account-form");

        browser.Document.QuerySelector(".error-summary")!.TextContent.ShouldContain("Write a few words about why you want to be seen.");
        (await browser.Response.Content.ReadAsStringAsync()).ShouldContain("<title>Error:");
        (await WithDb(Factory, db => db.Appointments.CountAsync(a => a.SlotId == Guid.Parse(slot)))).ShouldBe(0);
    }

    private Task<AppointmentStatus> Status(Guid id) =>
        WithDb(Factory, db => db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

    private static Guid SlotIdOf(string href) => Guid.Parse(href.Split('?')[0]["/book/".Length..]);

    /// <summary>Books through the API with the browser's sign-in cookie, as a quick way to have a visit to manage.</summary>
    private static async Task<Guid> BookWithCookie(Browser browser, string kind, int skip)
    {
        var slot = await AnyFreeSlot(browser.Client, kind, skip);
        using var booked = await browser.Client.PostAsJsonAsync("/api/appointments", new { slotId = slot, reason = "Back spasm for two days" });
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await Json(booked)).GetProperty("id").GetGuid();
    }
}
