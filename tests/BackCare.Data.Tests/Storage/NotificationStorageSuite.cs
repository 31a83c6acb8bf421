using BackCare.Data.Clinics;
using BackCare.Data.Notifications;
using BackCare.Data.Storage;
using BackCare.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

/// <summary>The email outbox on every provider: written with the booking, claimed by one sender only, however many race.</summary>
public abstract class NotificationStorageSuite(StorageTarget target)
{
    [StorageFact]
    public async Task Given_a_booking_When_it_is_saved_Then_its_confirmation_and_reminders_are_in_the_outbox_with_it()
    {
        var clock = new ManualClock();
        var (services, clinic, clinician) = await StartAsync(clock);
        await using var _ = services;
        var me = await Samples.RegisterAsync(services);
        var slot = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3), SlotKind.Telemedicine);

        var booked = await WithScope(services, s => s.GetRequiredService<BookingService>().BookAsync(me.Id, slot.Id, "Back spasm", null));

        var rows = await RowsAsync(services);
        rows.Select(r => (r.Kind, r.DueUtc)).OrderBy(r => r.DueUtc).ShouldBe(
        [
            (NotificationKind.VisitBooked, clock.UtcNow),
            (NotificationKind.VisitReminder, slot.StartUtc.AddHours(-24)),
            (NotificationKind.VideoVisitReminder, slot.StartUtc.AddHours(-1)),
        ]);
        rows.ShouldAllBe(r => r.SubjectId == booked.Appointment!.Id && r.AccountId == me.Id && r.State == NotificationState.Pending);
        rows.Single(r => r.Kind == NotificationKind.VisitBooked).CalendarSequence.ShouldBe(0);
    }

    [StorageFact]
    public async Task Given_a_slot_that_is_taken_When_the_booking_fails_Then_nothing_is_left_in_the_outbox()
    {
        var clock = new ManualClock();
        var (services, clinic, clinician) = await StartAsync(clock);
        await using var _ = services;
        var first = await Samples.RegisterAsync(services);
        var second = await Samples.RegisterAsync(services);
        var slot = await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3), SlotKind.InPerson);
        (await WithScope(services, s => s.GetRequiredService<BookingService>().BookAsync(first.Id, slot.Id, "Back spasm", null))).Succeeded.ShouldBeTrue();

        var lost = await WithScope(services, s => s.GetRequiredService<BookingService>().BookAsync(second.Id, slot.Id, "Back spasm", null));

        lost.Error.ShouldBe(BookingError.SlotTaken);
        (await RowsAsync(services)).ShouldAllBe(r => r.AccountId == first.Id);
    }

    [StorageFact]
    public async Task Given_a_visit_moved_twice_then_cancelled_When_the_notices_are_written_Then_they_share_one_calendar_uid_with_a_growing_sequence()
    {
        var clock = new ManualClock();
        var (services, clinic, clinician) = await StartAsync(clock);
        await using var _ = services;
        var me = await Samples.RegisterAsync(services);
        var slots = new List<Slot>();
        for (var i = 0; i < 3; i++)
        {
            slots.Add(await AddSlotAsync(services, clinic, clinician, clock.UtcNow.AddDays(3 + i), SlotKind.InPerson));
        }

        var first = (await WithScope(services, s => s.GetRequiredService<BookingService>().BookAsync(me.Id, slots[0].Id, "Back spasm", null))).Appointment!;
        var second = (await WithScope(services, s => s.GetRequiredService<BookingService>().RescheduleAsync(me.Id, first.Id, slots[1].Id))).Appointment!;
        var third = (await WithScope(services, s => s.GetRequiredService<BookingService>().RescheduleAsync(me.Id, second.Id, slots[2].Id))).Appointment!;
        (await WithScope(services, s => s.GetRequiredService<BookingService>().CancelAsync(me.Id, third.Id))).ShouldBeTrue();

        var notices = (await RowsAsync(services)).Where(r => r.CalendarUid is not null).OrderBy(r => r.CalendarSequence).ToList();
        notices.Select(n => (n.Kind, n.SubjectId, n.CalendarSequence)).ShouldBe(
        [
            (NotificationKind.VisitBooked, (Guid?)first.Id, (int?)0),
            (NotificationKind.VisitMoved, second.Id, 1),
            (NotificationKind.VisitMoved, third.Id, 2),
            (NotificationKind.VisitCancelled, third.Id, 3),
        ]);
        notices.Select(n => n.CalendarUid).Distinct().ShouldHaveSingleItem().ShouldBe(NotificationOutbox.CalendarUidOf(first.Id));
    }

    [StorageFact]
    public async Task Given_twenty_due_notifications_When_four_senders_claim_at_once_Then_each_is_claimed_by_exactly_one()
    {
        var clock = new ManualClock();
        var (services, _, _) = await StartAsync(clock);
        await using var __ = services;
        var me = await Samples.RegisterAsync(services);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            for (var i = 0; i < 20; i++)
            {
                db.Notifications.Add(new Notification(NotificationKind.ClinicReply, me.Id, Guid.CreateVersion7(), $"test:{i}", clock.UtcNow));
            }

            return await db.SaveChangesAsync();
        });

        using var start = new SemaphoreSlim(0);
        var senders = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            var mine = new List<Guid>();
            while (true)
            {
                var claimed = await WithScope(services, s => s.GetRequiredService<NotificationClaims>().ClaimDueAsync($"sender-{i}", TimeSpan.FromMinutes(5), 3));
                if (claimed.Count == 0)
                {
                    return mine;
                }

                foreach (var row in claimed)
                {
                    (await WithScope(services, s => s.GetRequiredService<NotificationClaims>().MarkSentAsync(row.Id, $"sender-{i}"))).ShouldBeTrue();
                    mine.Add(row.Id);
                }
            }
        })).ToList();
        start.Release(4);
        var claims = (await Task.WhenAll(senders)).SelectMany(c => c).ToList();

        claims.Count.ShouldBe(20);
        claims.Distinct().Count().ShouldBe(20);
        var rows = await RowsAsync(services);
        rows.ShouldAllBe(r => r.State == NotificationState.Sent && r.Attempts == 1);
    }

    [StorageFact]
    public async Task Given_a_row_claimed_by_one_sender_When_another_tries_before_the_lease_ends_Then_it_gets_nothing_and_after_the_lease_it_may_take_it()
    {
        var clock = new ManualClock();
        var (services, _, _) = await StartAsync(clock);
        await using var _ = services;
        var me = await Samples.RegisterAsync(services);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.Notifications.Add(new Notification(NotificationKind.DiaryNudge, me.Id, null, "test:lease", clock.UtcNow));
            return await db.SaveChangesAsync();
        });

        var first = await WithScope(services, s => s.GetRequiredService<NotificationClaims>().ClaimDueAsync("a", TimeSpan.FromMinutes(5), 10));
        var meanwhile = await WithScope(services, s => s.GetRequiredService<NotificationClaims>().ClaimDueAsync("b", TimeSpan.FromMinutes(5), 10));
        clock.Advance(TimeSpan.FromMinutes(6));
        var later = await WithScope(services, s => s.GetRequiredService<NotificationClaims>().ClaimDueAsync("b", TimeSpan.FromMinutes(5), 10));

        first.ShouldHaveSingleItem();
        meanwhile.ShouldBeEmpty();
        later.ShouldHaveSingleItem().Attempts.ShouldBe(2);
        (await WithScope(services, s => s.GetRequiredService<NotificationClaims>().MarkSentAsync(first[0].Id, "a"))).ShouldBeFalse("a's lease ran out");
        (await WithScope(services, s => s.GetRequiredService<NotificationClaims>().MarkSentAsync(first[0].Id, "b"))).ShouldBeTrue();
    }

    [StorageFact]
    public async Task Given_people_who_asked_for_the_diary_nudge_When_two_servers_schedule_the_same_day_Then_each_person_has_one_nudge()
    {
        var clock = new ManualClock();
        var (services, _, _) = await StartAsync(clock);
        await using var _ = services;
        var asked = await Samples.RegisterAsync(services);
        var notAsked = await Samples.RegisterAsync(services);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            var wants = new NotificationPreferences(asked.Id);
            wants.Set(NotificationTopic.DiaryNudge, true, clock.UtcNow);
            db.AddRange(wants, new NotificationPreferences(notAsked.Id));
            return await db.SaveChangesAsync();
        });
        var day = DateOnly.FromDateTime(clock.UtcNow);

        var added = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            WithScope(services, s => s.GetRequiredService<NotificationClaims>().ScheduleDiaryNudgesAsync(day, clock.UtcNow.AddHours(8))))));

        added.Sum().ShouldBe(1);
        (await RowsAsync(services)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            n => n.AccountId.ShouldBe(asked.Id),
            n => n.Kind.ShouldBe(NotificationKind.DiaryNudge));
    }

    [StorageFact]
    public async Task Given_a_clinics_email_answer_to_a_contact_request_When_put_in_the_outbox_Then_its_row_names_no_account_and_is_claimed_like_any_other()
    {
        var clock = new ManualClock();
        var (services, clinic, _) = await StartAsync(clock);
        await using var _ = services;
        var request = new ContactRequest(clinic.Id, "Vera Visitor", "vera@example.org", null, "Do you see people on Saturdays?", accountId: null);
        var reply = new ContactReply(clinic.Id, request.Id, Guid.NewGuid(), ContactReplyRoute.Email, "Yes, on Saturday mornings.");
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.ContactRequests.Add(request);
            db.ContactReplies.Add(reply);
            s.GetRequiredService<NotificationOutbox>().ContactReplied(reply);
            return await db.SaveChangesAsync();
        });

        var claimed = await WithScope(services, s => s.GetRequiredService<NotificationClaims>().ClaimDueAsync("a", TimeSpan.FromMinutes(5), 10));

        claimed.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            n => n.Kind.ShouldBe(NotificationKind.ContactReply),
            n => n.AccountId.ShouldBeNull(),
            n => n.SubjectId.ShouldBe(reply.Id));
        (await WithScope(services, s => s.GetRequiredService<NotificationClaims>().MarkSentAsync(claimed[0].Id, "a"))).ShouldBeTrue();
    }

    [StorageFact]
    public async Task Given_a_notification_of_another_kind_without_an_account_When_written_straight_to_the_table_Then_the_database_refuses_it()
    {
        var clock = new ManualClock();
        var (services, _, _) = await StartAsync(clock);
        await using var _ = services;

        Task<int> Insert(string kind) => WithScope(services, s =>
            s.GetRequiredService<BackCareDbContext>().Database.ExecuteSqlAsync(
                $"INSERT INTO notification_outbox (id, kind, account_id, dedupe_key, created_utc, due_utc, state) VALUES ({Guid.NewGuid()}, {kind}, NULL, {"test:" + kind}, {clock.UtcNow}, {clock.UtcNow}, 'Pending')"));

        (await Insert(nameof(NotificationKind.ContactReply))).ShouldBe(1, "the same row of the one kind that needs no account is taken");
        await Should.ThrowAsync<System.Data.Common.DbException>(() => Insert(nameof(NotificationKind.DiaryNudge)));
    }

    private async Task<(ServiceProvider Services, Clinic Clinic, Clinician Clinician)> StartAsync(ManualClock clock)
    {
        var database = await target.CreateDatabaseAsync();
        var services = database.BuildServices(clock);
        await services.InitializeBackCareStorageAsync();
        var clinic = new Clinic("Riverside Spine Clinic", "1 River Road, Springfield", "+1 555 0100", "America/New_York");
        var clinician = new Clinician(clinic.Id, "Dr. Ada Moss", Specialty.Spine);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.AddRange(clinic, clinician);
            return await db.SaveChangesAsync();
        });
        return (services, clinic, clinician);
    }

    private static async Task<Slot> AddSlotAsync(IServiceProvider services, Clinic clinic, Clinician clinician, DateTime startUtc, SlotKind kind)
    {
        var slot = new Slot(clinic.Id, clinician.Id, startUtc, startUtc.AddMinutes(30), kind);
        await WithScope(services, async s =>
        {
            var db = s.GetRequiredService<BackCareDbContext>();
            db.Add(slot);
            return await db.SaveChangesAsync();
        });
        return slot;
    }

    private static Task<List<Notification>> RowsAsync(IServiceProvider services) =>
        WithScope(services, s => s.GetRequiredService<BackCareDbContext>().Notifications.AsNoTracking().ToListAsync());

    private static async Task<T> WithScope<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

public sealed class SqliteNotificationStorageTests(SqliteTarget target) : NotificationStorageSuite(target), IClassFixture<SqliteTarget>;

public sealed class PostgresNotificationStorageTests(PostgresTarget target) : NotificationStorageSuite(target), IClassFixture<PostgresTarget>, INeedPostgres;
