using BackCare.Data.Accounts;
using BackCare.Data.Diary;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Storage;

internal static class Samples
{
    public const string Password = "correct horse battery";

    public static DiaryInput Diary(int painScore = 6, int spasms = 3) => new(
        painScore, spasms, CouldWalk: true, CouldSit: false, CouldSleep: true, CouldWork: false,
        MedicinesTaken: "ibuprofen 400 mg twice", WhatHelped: "walking, heat", Notes: "better after a walk",
        NewFindingsJson: "[\"leg_weakness\"]");

    public static DiaryReassessment Reassessment(DiaryProgress? progress = DiaryProgress.Improving) =>
        new("gp_soon", progress, RedFlag: true);

    public static async Task<Account> RegisterAsync(IServiceProvider services, string? email = null, AccountRole role = AccountRole.Patient)
    {
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var outcome = await accounts.RegisterAsync(email ?? $"{Guid.NewGuid():N}@example.org", Password, "Sam Example", role);
        outcome.Error.ShouldBeNull();
        return outcome.Account!;
    }

    public static async Task<DiaryEntry> AddDiaryEntryAsync(IServiceProvider services, Guid ownerId, int painScore = 6)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var entry = new DiaryEntry(ownerId, Diary(painScore), Reassessment());
        db.DiaryEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    }
}
