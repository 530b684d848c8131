using Peat.Edge.Core.Geo;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Placement;
using Xunit;

namespace Peat.Edge.Sim.Tests.Placement;

/// <summary>Placement comes from the seed, stays in the area, and clustered placement clusters.</summary>
public sealed class PlacementTests
{
    [Theory]
    [InlineData(PlacementKind.Uniform)]
    [InlineData(PlacementKind.Clustered)]
    public void The_same_seed_places_the_same_nodes_and_another_seed_does_not(PlacementKind kind)
    {
        var spec = new PlacementSpec { Kind = kind, Nodes = 200, AreaM = 1500 };
        NodePlan[] first = NodePlacement.Generate(spec, 5);
        NodePlan[] again = NodePlacement.Generate(spec, 5);
        NodePlan[] other = NodePlacement.Generate(spec, 6);
        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(p => p.XM), other.Select(p => p.XM));
    }

    [Theory]
    [InlineData(PlacementKind.Uniform)]
    [InlineData(PlacementKind.Clustered)]
    public void Nodes_stay_in_the_area_with_three_root_capable_nodes_near_the_centre(PlacementKind kind)
    {
        var spec = new PlacementSpec { Kind = kind, Nodes = 300, AreaM = 2000, SquadSigmaM = 400 };
        NodePlan[] plans = NodePlacement.Generate(spec, 9);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (uint)i), plans.Select(p => p.NodeId));
        Assert.All(plans, p =>
        {
            Assert.InRange(p.XM, 0, 2000);
            Assert.InRange(p.YM, 0, 2000);
            Assert.InRange(p.BatteryPercent, (byte)20, (byte)100);
        });
        Assert.Equal(new uint[] { 1, 2, 3 }, plans.Where(p => p.IsRootCapable).Select(p => p.NodeId));
        Assert.All(plans.Take(3), p => Assert.InRange(Math.Sqrt(Math.Pow(p.XM - 1000, 2) + Math.Pow(p.YM - 1000, 2)), 119, 121));
        // A partition down the middle leaves a root-capable node on each side.
        Assert.Contains(plans.Take(3), p => p.XM < 1000);
        Assert.Contains(plans.Take(3), p => p.XM > 1000);
        int canParent = plans.Skip(3).Count(p => (p.Capabilities & Capabilities.CanParent) != 0);
        Assert.Equal((int)Math.Round(297 * 0.2), canParent);
        Assert.All(plans.Skip(3).Where(p => (p.Capabilities & Capabilities.CanParent) == 0), p => Assert.Equal(NodePlacement.LeafNode, p.Capabilities));
    }

    [Fact]
    public void Positions_in_E7_agree_with_the_planar_metres_through_the_cores_distance()
    {
        NodePlan[] plans = NodePlacement.Generate(new PlacementSpec { Nodes = 50, AreaM = 8000 }, 2);
        for (int i = 1; i < plans.Length; i++)
        {
            double planar = Math.Sqrt(Math.Pow(plans[i].XM - plans[0].XM, 2) + Math.Pow(plans[i].YM - plans[0].YM, 2));
            double geo = GeoDistance.DistanceM(plans[0].LatitudeE7, plans[0].LongitudeE7, plans[i].LatitudeE7, plans[i].LongitudeE7);
            Assert.InRange(geo - planar, -0.002 * planar - 0.05, 0.002 * planar + 0.05);
        }
    }

    [Fact]
    public void Clustered_members_sit_much_closer_to_their_squad_than_uniform_nodes_do()
    {
        double MeanDistanceToSquadMean(NodePlan[] plans, int squads)
        {
            double total = 0;
            int count = 0;
            for (int s = 0; s < squads; s++)
            {
                var members = plans.Skip(3).Where((p, i) => i % squads == s).ToList();
                double mx = members.Average(p => p.XM);
                double my = members.Average(p => p.YM);
                total += members.Sum(p => Math.Sqrt(Math.Pow(p.XM - mx, 2) + Math.Pow(p.YM - my, 2)));
                count += members.Count;
            }

            return total / count;
        }

        var clustered = NodePlacement.Generate(new PlacementSpec { Kind = PlacementKind.Clustered, Nodes = 203, AreaM = 2000, Squads = 20, SquadSigmaM = 60 }, 4);
        var uniform = NodePlacement.Generate(new PlacementSpec { Kind = PlacementKind.Uniform, Nodes = 203, AreaM = 2000 }, 4);
        Assert.All(clustered.Skip(3), p => Assert.InRange(p.Squad, 0, 19));
        double clusteredMean = MeanDistanceToSquadMean(clustered, 20);
        double uniformMean = MeanDistanceToSquadMean(uniform, 20);
        Assert.InRange(clusteredMean, 40, 110); // about sigma * sqrt(pi/2) = 75 m
        Assert.True(uniformMean > 5 * clusteredMean, $"uniform {uniformMean:0} m vs clustered {clusteredMean:0} m");
        // Each squad's leader (the member nearest its centre) may parent.
        Assert.True(clustered.Count(p => (p.Capabilities & Capabilities.CanParent) != 0 && !p.IsRootCapable) >= 20);
    }
}
