using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Diary;

internal sealed class DiaryPainDayConfiguration : IEntityTypeConfiguration<DiaryPainDay>
{
    public void Configure(EntityTypeBuilder<DiaryPainDay> builder)
    {
        builder.ToTable("diary_pain_days", t =>
        {
            t.HasCheckConstraint("ck_diary_pain_days_day", $"day BETWEEN 0 AND {DiaryPainDay.LastDay}");
            t.HasCheckConstraint("ck_diary_pain_days_pain_score", "pain_score BETWEEN 0 AND 10");
        });
        builder.HasKey(d => new { d.OwnerId, d.Day });
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(d => d.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
