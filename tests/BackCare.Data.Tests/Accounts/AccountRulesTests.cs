using BackCare.Data.Accounts;
using BackCare.Data.Diary;
using BackCare.Data.Risk;

namespace BackCare.Data.Tests.Accounts;

public sealed class AccountRulesTests
{
    private static readonly DateTime Now = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("sam@example.org", true)]
    [InlineData("  Sam.Lee+back@clinic.example.co.uk ", true)]
    [InlineData("sam@example", false)]
    [InlineData("sam@@example.org", false)]
    [InlineData("sam@exa@mple.org", false)]
    [InlineData("@example.org", false)]
    [InlineData("sam@.org", false)]
    [InlineData("sam@example.", false)]
    [InlineData("sam@example..org", false)]
    [InlineData("sam lee@example.org", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Given_an_email_When_checked_for_registration_Then_only_a_plausible_address_passes(string? email, bool valid) =>
        AccountService.IsValidEmail(email).ShouldBe(valid);

    [Fact]
    public void Given_an_address_of_255_characters_When_checked_Then_it_is_too_long() =>
        AccountService.IsValidEmail(new string('a', 243) + "@example.org").ShouldBeFalse();

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void Given_wrong_passwords_in_a_row_When_counted_Then_the_fifth_locks_the_account(int failures, bool locked)
    {
        var account = new Account("a@example.org", "A", AccountRole.Patient);
        for (var i = 0; i < failures; i++)
        {
            account.RecordFailedSignIn(Now);
        }

        account.IsLockedOut(Now).ShouldBe(locked);
        account.IsLockedOut(Now + TimeSpan.FromMinutes(15)).ShouldBeFalse();
    }

    [Fact]
    public void Given_four_wrong_passwords_When_the_right_one_follows_Then_the_count_starts_again()
    {
        var account = new Account("a@example.org", "A", AccountRole.Patient);
        for (var i = 0; i < 4; i++)
        {
            account.RecordFailedSignIn(Now);
        }

        account.RecordSuccessfulSignIn();
        account.RecordFailedSignIn(Now);

        account.FailedSignInCount.ShouldBe(1);
        account.IsLockedOut(Now).ShouldBeFalse();
    }

    [Fact]
    public void Given_a_locked_account_When_more_wrong_passwords_come_Then_the_lockout_is_not_stretched()
    {
        var account = new Account("a@example.org", "A", AccountRole.Patient);
        for (var i = 0; i < 5; i++)
        {
            account.RecordFailedSignIn(Now);
        }

        account.RecordFailedSignIn(Now + TimeSpan.FromMinutes(10));

        account.LockoutEndUtc.ShouldBe(Now + TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(11, 0)]
    [InlineData(5, -1)]
    public void Given_a_pain_score_or_spasm_count_off_the_scale_When_a_diary_entry_is_made_Then_it_is_refused(int pain, int spasms) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new DiaryEntry(
            Guid.NewGuid(),
            new DiaryInput(pain, spasms, true, true, true, true, null, null, null, "[]"),
            new DiaryReassessment("self_care", null, false)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 0)]
    [InlineData(3, 40)]
    public void Given_a_pain_score_and_spasm_count_on_the_scale_When_a_diary_entry_is_made_Then_it_keeps_them(int pain, int spasms)
    {
        var entry = new DiaryEntry(
            Guid.NewGuid(), new DiaryInput(pain, spasms, true, true, true, true, null, null, null, "[]"), new DiaryReassessment("self_care", null, false));

        (entry.PainScore, entry.Spasms).ShouldBe((pain, spasms));
    }

    [Theory]
    [InlineData(10, 0)]
    [InlineData(-1, 0)]
    [InlineData(3, 4)]
    [InlineData(9, 6)]
    public void Given_scores_STarT_Back_cannot_give_When_a_risk_screen_is_made_Then_it_is_refused(int total, int psychosocial) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RiskScreen(Guid.NewGuid(), "[]", total, psychosocial, RiskGroup.High));
}
