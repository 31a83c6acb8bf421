using System.Net;
using System.Net.Http.Json;
using BackCare.Data.Clinics;
using BackCare.Web.Tests.Accounts;
using BackCare.Web.Tests.Diary;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Booking.Booking;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Booking;

/// <summary>
/// Booking:MaxOpenPerPerson (default 3): a person holding that many open visits cannot book another until one is
/// cancelled or has started; moving one is still allowed; bookings sent at once cannot pass the cap together.
/// </summary>
public sealed class BookingCapTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_person_with_three_open_visits_When_they_book_a_fourth_Then_409_says_why_and_nothing_is_booked()
    {
        using var me = await People.SignedInClient(factory);
        await BookOpenVisitsAsync(me, 3);
        var slotId = await AnyFreeSlot(me, "in_person");

        using var refused = await Book(me, slotId);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await Json(refused);
        problem.GetProperty("title").GetString().ShouldBe("Too many open appointments");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("You already have 3 appointments booked that have not started yet");
        problem.GetProperty("maxOpenPerPerson").GetInt32().ShouldBe(3);
        (await WithDb(factory, db => db.Appointments.CountAsync(a => a.SlotId == Guid.Parse(slotId)))).ShouldBe(0);
        (await OpenVisitsAsync(me)).ShouldBe(3);
    }

    [Fact]
    public async Task Given_a_person_at_the_cap_When_they_cancel_a_visit_Then_they_can_book_one_more_and_then_no_more()
    {
        using var me = await People.SignedInClient(factory);
        var visits = await BookOpenVisitsAsync(me, 3);

        using (var cancelled = await me.DeleteAsync($"/api/appointments/{visits[0]}"))
        {
            cancelled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var booked = await Book(me, await AnyFreeSlot(me, "in_person"));
        using var refused = await Book(me, await AnyFreeSlot(me, "in_person"));

        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await OpenVisitsAsync(me)).ShouldBe(3);
    }

    [Fact]
    public async Task Given_a_person_at_the_cap_When_they_move_a_visit_to_another_time_Then_it_moves_and_they_still_hold_three()
    {
        using var me = await People.SignedInClient(factory);
        var visits = await BookOpenVisitsAsync(me, 3);
        var newSlot = await AnyFreeSlot(me, "in_person");

        using var moved = await me.PostAsJsonAsync($"/api/appointments/{visits[1]}/reschedule", new { slotId = newSlot });

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Json(moved)).GetProperty("status").GetString().ShouldBe("booked");
        (await OpenVisitsAsync(me)).ShouldBe(3);
    }

    [Fact]
    public async Task Given_a_visit_that_has_already_started_When_the_person_books_Then_it_no_longer_holds_a_place()
    {
        var email = People.NewEmail();
        using var me = await People.SignedInClient(factory, email);
        var owner = await WithDb(factory, db => db.Accounts.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());
        var clinicId = Guid.Parse((await DemoClinic(me)).GetProperty("id").GetString()!);
        await WithDb(factory, async db =>
        {
            // A visit that began an hour ago is still "booked" in the database, but it is not an open one.
            var clinician = await db.Clinicians.FirstAsync(c => c.ClinicId == clinicId);
            var start = DateTime.UtcNow.AddHours(-1);
            var slot = new Slot(clinicId, clinician.Id, start, start.AddMinutes(30), SlotKind.InPerson);
            db.AddRange(slot, new Appointment(owner, slot, "Back spasm yesterday", null, "routine", joinUrl: null));
            return await db.SaveChangesAsync();
        });

        await BookOpenVisitsAsync(me, 3);
        using var refused = await Book(me, await AnyFreeSlot(me, "in_person"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await WithDb(factory, db => db.Appointments.CountAsync(a => a.OwnerId == owner && a.Status == AppointmentStatus.Booked))).ShouldBe(4);
    }

    [Fact]
    public async Task Given_Booking_MaxOpenPerPerson_set_to_1_When_a_person_books_twice_Then_the_second_is_refused_naming_the_cap_of_1()
    {
        using var host = BackCareFactory.With(new() { ["Booking:MaxOpenPerPerson"] = "1" });
        using var me = await People.SignedInClient(host);

        using var first = await Book(me, await AnyFreeSlot(me, "in_person"));
        using var second = await Book(me, await AnyFreeSlot(me, "in_person"));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Json(second)).GetProperty("maxOpenPerPerson").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Given_a_cap_outside_1_to_1000_When_the_settings_are_checked_at_start_Then_they_are_refused_naming_the_setting(int cap)
    {
        var options = new BookingOptions { MaxOpenPerPerson = cap };

        Should.Throw<InvalidOperationException>(options.Validate).Message.ShouldStartWith("Booking:MaxOpenPerPerson must be between 1 and 1000");
    }

    [Fact]
    public async Task Given_a_person_with_two_open_visits_When_six_bookings_of_theirs_arrive_at_once_on_SQLite_Then_exactly_one_passes()
    {
        await RaceToTheCapAsync(factory);
    }

    [PostgresFact]
    public async Task Given_a_person_with_two_open_visits_When_six_bookings_of_theirs_arrive_at_once_on_PostgreSQL_Then_exactly_one_passes()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var host = BackCareFactory.With(database.HostSettings());
        await RaceToTheCapAsync(host);
    }

    [Fact]
    public async Task Given_a_person_at_the_cap_When_they_open_a_time_to_book_or_the_list_of_times_Then_each_page_says_so_plainly_with_a_link_to_their_visits()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(People.NewEmail());
        await BookOpenVisitsAsync(browser.Client, 3);
        var slot = await AnyFreeSlot(browser.Client, "in_person");

        foreach (var page in new[] { $"/book/{slot}", "/book" })
        {
            await browser.Open(page);

            browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
            browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("You cannot book another visit yet", page);
            browser.Document.QuerySelector("main .notice")!.TextContent.ShouldContain(
                "You already have 3 visits booked that have not happened yet. That is the most one person can book at a time.");
            browser.Document.QuerySelector("main a[href='/account/appointments']")!.TextContent.ShouldBe("See your appointments", page);
            browser.Document.QuerySelector("main form").ShouldBeNull(page);
            browser.Document.QuerySelectorAll("ul.slots a").Length.ShouldBe(0, page);
        }
    }

    [Fact]
    public async Task Given_the_booking_form_open_When_the_cap_is_reached_elsewhere_before_it_is_sent_Then_the_page_says_so_and_nothing_is_booked()
    {
        using var browser = new Browser(factory);
        await browser.SignUp(People.NewEmail());
        await BookOpenVisitsAsync(browser.Client, 2);
        var slot = await AnyFreeSlot(browser.Client, "in_person");
        await browser.Open($"/book/{slot}");
        browser.Document.QuerySelector("textarea#reason").ShouldNotBeNull("two open visits leave room for a third");
        await BookOpenVisitsAsync(browser.Client, 1);

        await browser.Submit(new() { ["reason"] = "Back spasm for two days" }, "main form.account-form");

        browser.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.Document.QuerySelector("h1")!.TextContent.ShouldBe("You cannot book another visit yet");
        browser.Text.ShouldContain("To book another, cancel a visit you no longer need, or wait until one has passed.");
        await browser.FollowLink("See your appointments");
        browser.Address.ShouldBe("/account/appointments");
        (await WithDb(factory, db => db.Appointments.CountAsync(a => a.SlotId == Guid.Parse(slot)))).ShouldBe(0);
    }

    /// <summary>Books the first free video times, one after another, and gives back the appointments' ids.</summary>
    private static async Task<List<Guid>> BookOpenVisitsAsync(HttpClient client, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            using var booked = await Book(client, await AnyFreeSlot(client, "telemedicine"));
            booked.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids.Add((await Json(booked)).GetProperty("id").GetGuid());
        }

        return ids;
    }

    private static async Task<int> OpenVisitsAsync(HttpClient client)
    {
        using var list = await client.GetAsync("/api/appointments");
        return (await Json(list)).EnumerateArray().Count(a => a.GetProperty("status").GetString() == "booked");
    }

    private static async Task RaceToTheCapAsync(BackCareFactory host)
    {
        using var me = await People.SignedInClient(host);
        await BookOpenVisitsAsync(me, 2);
        var clinicId = (await DemoClinic(me)).GetProperty("id").GetString()!;
        var slots = (await FreeSlots(me, clinicId, "?kind=in_person")).Take(6).Select(s => s.GetProperty("id").GetString()!).ToList();
        slots.Count.ShouldBe(6);

        using var start = new SemaphoreSlim(0);
        var racers = slots.Select(slot => Task.Run(async () =>
        {
            await start.WaitAsync();
            using var response = await Book(me, slot);
            return (response.StatusCode, Title: response.IsSuccessStatusCode ? null : (await Json(response)).GetProperty("title").GetString());
        })).ToList();
        start.Release(slots.Count);
        var answers = await Task.WhenAll(racers);

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict && a.Title == "Too many open appointments");
        (await OpenVisitsAsync(me)).ShouldBe(3);
    }
}
