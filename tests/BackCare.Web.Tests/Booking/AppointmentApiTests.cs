using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BackCare.Data.Auditing;
using BackCare.Data.Clinics;
using Microsoft.EntityFrameworkCore;
using static BackCare.Web.Tests.Booking.Booking;
using People = BackCare.Web.Tests.Accounts.Accounts;

namespace BackCare.Web.Tests.Booking;

public sealed class AppointmentApiTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    [Fact]
    public async Task Given_a_telemedicine_slot_When_a_signed_in_person_books_it_Then_201_with_its_address_and_a_join_link_and_the_slot_is_no_longer_offered()
    {
        using var client = await People.SignedInClient(factory);
        var clinic = await DemoClinic(client);
        var clinicId = clinic.GetProperty("id").GetString()!;
        var slot = (await FreeSlots(client, clinicId, "?kind=telemedicine"))[3];
        var slotId = slot.GetProperty("id").GetString()!;

        using var response = await Book(client, slotId, "Spasms since Sunday");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointment = await Json(response);
        var id = appointment.GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().ShouldBe($"/api/appointments/{id}");
        appointment.GetProperty("status").GetString().ShouldBe("booked");
        appointment.GetProperty("kind").GetString().ShouldBe("telemedicine");
        appointment.GetProperty("reason").GetString().ShouldBe("Spasms since Sunday");
        appointment.GetProperty("startUtc").GetDateTimeOffset().ShouldBe(slot.GetProperty("startUtc").GetDateTimeOffset());
        appointment.GetProperty("localStart").GetString().ShouldBe(slot.GetProperty("localStart").GetString());
        appointment.GetProperty("clinicPhone").GetString().ShouldBe(clinic.GetProperty("phone").GetString());
        appointment.GetProperty("joinUrl").GetString()!.ShouldStartWith($"https://meet.example.org/backcare/{id}?t=");
        (await FreeSlots(client, clinicId, "?kind=telemedicine")).ShouldNotContain(s => s.GetProperty("id").GetString() == slotId);
    }

    [Fact]
    public async Task Given_a_join_link_template_When_two_telemedicine_visits_are_booked_Then_each_link_names_the_clinic_and_appointment_with_its_own_token()
    {
        using var host = BackCareFactory.With(new() { ["Booking:JoinUrlTemplate"] = "https://video.example.net/rooms/{clinicId}/{appointmentId}?k={token}" });
        using var client = await People.SignedInClient(host);
        var clinicId = (await DemoClinic(client)).GetProperty("id").GetString()!;

        var links = new List<(string Link, string Id)>();
        foreach (var skip in new[] { 0, 1 })
        {
            using var response = await Book(client, await AnyFreeSlot(client, "telemedicine", skip));
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            var appointment = await Json(response);
            links.Add((appointment.GetProperty("joinUrl").GetString()!, appointment.GetProperty("id").GetString()!));
        }

        var tokens = links.Select(l =>
        {
            var match = Regex.Match(l.Link, @"^https://video\.example\.net/rooms/(?<clinic>[0-9a-f-]{36})/(?<id>[0-9a-f-]{36})\?k=(?<token>[A-Za-z0-9_-]{32})$");
            match.Success.ShouldBeTrue(l.Link);
            match.Groups["clinic"].Value.ShouldBe(clinicId);
            match.Groups["id"].Value.ShouldBe(l.Id);
            return match.Groups["token"].Value;
        }).ToList();
        tokens.Distinct().Count().ShouldBe(2, "every booking gets its own unguessable token");

        using var inPerson = await Book(client, await AnyFreeSlot(client, "in_person"));
        inPerson.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Json(inPerson)).TryGetProperty("joinUrl", out _).ShouldBeFalse("an in-person visit has no video link");
    }

    [Fact]
    public async Task Given_a_booked_slot_When_someone_else_books_it_Then_409_and_an_unknown_slot_is_404()
    {
        using var first = await People.SignedInClient(factory);
        using var second = await People.SignedInClient(factory);
        var slotId = await AnyFreeSlot(first, "in_person", 2);
        using (var booked = await Book(first, slotId))
        {
            booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var taken = await Book(second, slotId);
        using var unknown = await Book(second, Guid.NewGuid().ToString());

        taken.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        taken.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Json(taken)).GetProperty("title").GetString().ShouldBe("The slot is taken");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Given_a_slot_that_has_started_When_booked_Then_400_naming_the_slot()
    {
        using var client = await People.SignedInClient(factory);
        var clinicId = Guid.Parse((await DemoClinic(client)).GetProperty("id").GetString()!);
        var past = await WithDb(factory, async db =>
        {
            var clinician = await db.Clinicians.FirstAsync(c => c.ClinicId == clinicId);
            var start = DateTime.UtcNow.AddHours(-1);
            var slot = new Slot(clinicId, clinician.Id, start, start.AddMinutes(30), SlotKind.InPerson);
            db.Slots.Add(slot);
            await db.SaveChangesAsync();
            return slot.Id;
        });

        using var response = await Book(client, past.ToString());

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("errors").TryGetProperty("slotId", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"reason":"sore"}""", "slotId")]
    [InlineData("""{"slotId":"6a3b7a55-8b7c-4f66-9c39-0d4a1a2b3c4d","reason":"  "}""", "reason")]
    [InlineData("""{"slotId":"6a3b7a55-8b7c-4f66-9c39-0d4a1a2b3c4d"}""", "reason")]
    public async Task Given_a_booking_without_a_slot_or_a_reason_When_posted_Then_400_names_the_field(string json, string field)
    {
        using var client = await People.SignedInClient(factory);

        using var response = await client.PostAsync("/api/appointments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(response)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_someone_else_s_saved_assessment_When_booking_with_it_Then_400_and_with_one_s_own_the_booking_carries_it()
    {
        using var me = await People.SignedInClient(factory);
        using var stranger = await People.SignedInClient(factory);
        var theirs = await SaveAssessment(stranger, """{"age":40,"findings":{"leg_weakness":true}}""");
        var mine = await SaveAssessment(me, """{"age":40,"findings":{"leg_weakness":true}}""");
        var slotId = await AnyFreeSlot(me, "in_person", 5);

        using var refused = await Book(me, slotId, assessmentId: theirs);
        using var booked = await Book(me, slotId, assessmentId: mine);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(refused)).GetProperty("errors").TryGetProperty("assessmentId", out _).ShouldBeTrue();
        booked.StatusCode.ShouldBe(HttpStatusCode.Created);
        var appointment = await Json(booked);
        appointment.GetProperty("assessmentId").GetString().ShouldBe(mine);
        appointment.GetProperty("disposition").GetString().ShouldBe("urgent");
        var owner = Guid.Parse(appointment.GetProperty("id").GetString()!);
        var row = await WithDb(factory, db => db.Appointments.Where(a => a.Id == owner)
            .Join(db.ClinicPatients, a => new { a.ClinicId, PatientId = a.OwnerId }, p => new { p.ClinicId, p.PatientId }, (a, p) => p)
            .SingleAsync());
        row.Priority.ShouldBe(ClinicPatient.PriorityOf("urgent"));
    }

    [Fact]
    public async Task Given_another_person_s_appointment_When_read_cancelled_or_moved_Then_404_and_it_stays_booked()
    {
        using var owner = await People.SignedInClient(factory);
        using var stranger = await People.SignedInClient(factory);
        using var booked = await Book(owner, await AnyFreeSlot(owner, "in_person", 7));
        var id = (await Json(booked)).GetProperty("id").GetString();
        var otherSlot = await AnyFreeSlot(owner, "in_person", 8);

        using var read = await stranger.GetAsync($"/api/appointments/{id}");
        using var cancel = await stranger.DeleteAsync($"/api/appointments/{id}");
        using var move = await stranger.PostAsJsonAsync($"/api/appointments/{id}/reschedule", new { slotId = otherSlot });
        using var list = await stranger.GetAsync("/api/appointments");

        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        cancel.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        move.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Json(list)).GetArrayLength().ShouldBe(0);
        using var mine = await owner.GetAsync($"/api/appointments/{id}");
        (await Json(mine)).GetProperty("status").GetString().ShouldBe("booked");
    }

    [Fact]
    public async Task Given_a_booking_When_cancelled_Then_204_the_slot_is_offered_again_and_someone_else_can_book_it()
    {
        using var me = await People.SignedInClient(factory);
        using var other = await People.SignedInClient(factory);
        var clinicId = (await DemoClinic(me)).GetProperty("id").GetString()!;
        var slotId = await AnyFreeSlot(me, "telemedicine", 9);
        using var booked = await Book(me, slotId);
        var id = (await Json(booked)).GetProperty("id").GetString();

        using var cancelled = await me.DeleteAsync($"/api/appointments/{id}");

        cancelled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await FreeSlots(me, clinicId, "?kind=telemedicine")).ShouldContain(s => s.GetProperty("id").GetString() == slotId);
        using var mine = await me.GetAsync($"/api/appointments/{id}");
        (await Json(mine)).GetProperty("status").GetString().ShouldBe("cancelled");
        using var rebooked = await Book(other, slotId);
        rebooked.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Given_a_booking_When_moved_to_a_taken_slot_Then_409_and_it_stays_and_when_moved_to_a_free_one_then_201_and_the_old_is_cancelled()
    {
        using var me = await People.SignedInClient(factory);
        using var other = await People.SignedInClient(factory);
        using var booked = await Book(me, await AnyFreeSlot(me, "in_person", 10));
        var id = (await Json(booked)).GetProperty("id").GetString();
        var takenSlot = await AnyFreeSlot(me, "in_person", 11);
        (await Book(other, takenSlot)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var freeSlot = await AnyFreeSlot(me, "telemedicine", 12);

        using var refused = await me.PostAsJsonAsync($"/api/appointments/{id}/reschedule", new { slotId = takenSlot });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using (var stillBooked = await me.GetAsync($"/api/appointments/{id}"))
        {
            (await Json(stillBooked)).GetProperty("status").GetString().ShouldBe("booked");
        }

        using var moved = await me.PostAsJsonAsync($"/api/appointments/{id}/reschedule", new { slotId = freeSlot });

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        var next = await Json(moved);
        next.GetProperty("kind").GetString().ShouldBe("telemedicine");
        next.GetProperty("joinUrl").GetString().ShouldNotBeNullOrEmpty();
        using var list = await me.GetAsync("/api/appointments");
        var all = await Json(list);
        all.EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("status").GetString()))
            .ShouldBe([(next.GetProperty("id").GetString(), "booked"), (id, "cancelled")], "newest first");
    }

    [Fact]
    public async Task Given_a_person_reading_their_appointments_When_listed_and_opened_Then_each_read_is_in_the_audit_log()
    {
        using var me = await People.SignedInClient(factory);
        using var booked = await Book(me, await AnyFreeSlot(me, "in_person", 13));
        var id = (await Json(booked)).GetProperty("id").GetString()!;

        (await me.GetAsync("/api/appointments")).Dispose();
        (await me.GetAsync($"/api/appointments/{id}")).Dispose();

        var reads = await WithDb(factory, db => db.AuditEvents.AsNoTracking()
            .Where(e => e.ResourceType == nameof(Appointment) && e.Action == AuditAction.Read)
            .Select(e => e.ResourceId).ToListAsync());
        reads.ShouldContain((string?)null, "the list");
        reads.ShouldContain(id);
    }

    [Fact]
    public async Task Given_nobody_signed_in_When_booking_or_listing_Then_401()
    {
        using var client = factory.CreateClient();

        using var book = await Book(client, Guid.NewGuid().ToString());
        using var list = await client.GetAsync("/api/appointments");

        book.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        list.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Given_fifty_people_When_they_book_one_slot_at_once_on_SQLite_Then_exactly_one_201_and_forty_nine_409()
    {
        await RaceAsync(factory);
    }

    [PostgresFact]
    public async Task Given_fifty_people_When_they_book_one_slot_at_once_on_PostgreSQL_Then_exactly_one_201_and_forty_nine_409()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var host = BackCareFactory.With(database.HostSettings());
        await RaceAsync(host);
    }

    internal static async Task RaceAsync(BackCareFactory host)
    {
        var people = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => People.SignedInClient(host)));
        try
        {
            var slotId = await AnyFreeSlot(people[0], "telemedicine");
            using var start = new SemaphoreSlim(0);
            var racers = people.Select(client => Task.Run(async () =>
            {
                await start.WaitAsync();
                using var response = await Book(client, slotId);
                return response.StatusCode;
            })).ToList();
            start.Release(people.Length);
            var answers = await Task.WhenAll(racers);

            answers.Count(a => a == HttpStatusCode.Created).ShouldBe(1);
            answers.Count(a => a == HttpStatusCode.Conflict).ShouldBe(49);
            var booked = await WithDb(host, db => db.Appointments.AsNoTracking().Where(a => a.SlotId == Guid.Parse(slotId)).CountAsync());
            booked.ShouldBe(1);
        }
        finally
        {
            foreach (var client in people)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<string> SaveAssessment(HttpClient client, string caseJson)
    {
        using var response = await People.PostCase(client, caseJson);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return response.Headers.Location!.ToString().Split('/')[^1];
    }
}
