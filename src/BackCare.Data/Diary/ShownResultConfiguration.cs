using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Diary;

internal sealed class ShownResultConfiguration : IEntityTypeConfiguration<ShownResult>
{
    public void Configure(EntityTypeBuilder<ShownResult> builder)
    {
        builder.ToTable("shown_results", t => t.HasCheckConstraint("ck_shown_results_hash", $"length(hash) = {ShownResult.HashLength}"));
        builder.HasKey(r => r.Hash);
        builder.Property(r => r.Hash).ValueGeneratedNever();
        builder.Property(r => r.Json).IsRequired();
    }
}
