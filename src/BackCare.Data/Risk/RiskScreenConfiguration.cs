using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Risk;

internal sealed class RiskScreenConfiguration : IEntityTypeConfiguration<RiskScreen>
{
    public void Configure(EntityTypeBuilder<RiskScreen> builder)
    {
        builder.ToTable("risk_screens");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.AnswersJson).IsRequired();
        builder.Property(r => r.Group).HasConversion<string>().IsRequired();
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OwnerId, r.CreatedUtc });
    }
}
