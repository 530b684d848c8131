using System.Globalization;
using System.Xml.Linq;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Cli;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Placement;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Tests.Support;
using Peat.Edge.Tests.Shared;
using Xunit;

namespace Peat.Edge.Sim.Tests.Reports;

/// <summary>
/// What the SVG draws, read back from the XML and compared with the world it was drawn from (docs/simulator.md,
/// "SVG"): node shapes by capability, root and leader rings, the dead node, parent edges and fault markers.
/// Elements are matched to nodes by position, projected through the map frame the drawing itself contains.
/// </summary>
public sealed class SvgWriterTests
{
    private const string RootRing = "#d69e2e";
    private const string LeaderRing = "#805ad5";
    private const string DeadFill = "#a0aec0";
    private const string ParentEdge = "#2b6cb0";
    private const string FaultMarker = "#c53030";

    private static readonly Lazy<(SimWorld World, XElement Svg)> TourRun = new(() =>
    {
        // tour: a squad leader killed at 20 %, a partition at 45 % healed at 70 %.
        SimWorld world = Worlds.FromOptions(Worlds.Options("tour", nodes: 40, seed: 5, durationS: 40));
        world.Run();
        return (world, XDocument.Parse(SvgWriter.Render(world)).Root!);
    });

    [Fact]
    public void The_README_picture_is_what_the_default_run_draws()
    {
        // README.md shows docs/images/tour.svg as the default run's --svg; a change to the simulation or the
        // drawing that leaves it stale fails here.
        string dir = Directory.CreateTempSubdirectory("peat-svg-").FullName;
        try
        {
            var options = new SimOptions { Quiet = true, SvgPath = Path.Combine(dir, "tour.svg") };
            Assert.Equal(SimRunner.ExitOk, SimRunner.Run(options, new StringWriter()));
            string committed = File.ReadAllText(Path.Combine(SourceRules.RepoRoot, "docs", "images", "tour.svg"));
            Assert.True(committed == File.ReadAllText(options.SvgPath),
                "docs/images/tour.svg is not what the default run draws now; regenerate it with "
                + "`dotnet run -c Release --project src/Peat.Edge.Aot -- sim --quiet --svg docs/images/tour.svg`");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Root_capable_nodes_are_squares_and_the_others_circles()
    {
        (SimWorld world, XElement svg) = TourRun.Value;
        var map = new MapFrame(svg, world.Config.AreaM);
        for (int i = 0; i < world.NodeCount; i++)
        {
            bool rootCapable = world.Plan(i).IsRootCapable;
            Assert.True(map.SquaresAt(world.Plan(i)).Count() == (rootCapable ? 1 : 0), $"node {i + 1}: squares");
            Assert.True(map.BodyCirclesAt(world.Plan(i)).Count() == (rootCapable ? 0 : 1), $"node {i + 1}: circles");
        }

        Assert.Equal(3, Enumerable.Range(0, world.NodeCount).Count(i => world.Plan(i).IsRootCapable));
    }

    [Fact]
    public void Roots_are_ringed_gold_and_leaders_purple()
    {
        (SimWorld world, XElement svg) = TourRun.Value;
        var map = new MapFrame(svg, world.Config.AreaM);
        int roots = 0;
        int leaders = 0;
        for (int i = 0; i < world.NodeCount; i++)
        {
            bool root = world.IsRoot(i);
            bool leader = !root && world.IsAlive(i) && world.Node(i).Role == NodeRole.Leader;
            roots += root ? 1 : 0;
            leaders += leader ? 1 : 0;
            Assert.True(map.RingsAt(world.Plan(i), RootRing).Count() == (root ? 1 : 0), $"node {i + 1}: root ring");
            Assert.True(map.RingsAt(world.Plan(i), LeaderRing).Count() == (leader ? 1 : 0), $"node {i + 1}: leader ring");
        }

        Assert.True(roots >= 1, "the run ends with a root");
        Assert.True(leaders >= 1, "the run ends with a cell leader");
    }

    [Fact]
    public void The_killed_node_is_grey_with_a_cross_and_no_alive_node_is()
    {
        (SimWorld world, XElement svg) = TourRun.Value;
        var map = new MapFrame(svg, world.Config.AreaM);
        FaultRecord kill = Assert.Single(world.Faults, f => f.Kind == FaultKind.Kill);
        int victim = (int)kill.NodeId!.Value - 1;
        Assert.False(world.IsAlive(victim));
        for (int i = 0; i < world.NodeCount; i++)
        {
            bool dead = i == victim;
            bool grey = (string?)map.Body(world.Plan(i)).Attribute("fill") == DeadFill;
            Assert.True(grey == dead, $"node {i + 1}: grey fill");
            Assert.True(map.CrossesAt(world.Plan(i)).Count() == (dead ? 1 : 0), $"node {i + 1}: cross");
        }
    }

    [Fact]
    public void Each_attached_non_root_node_has_one_parent_edge_to_its_parent()
    {
        (SimWorld world, XElement svg) = TourRun.Value;
        var map = new MapFrame(svg, world.Config.AreaM);
        var expected = new List<string>();
        for (int i = 0; i < world.NodeCount; i++)
        {
            if (world.IsAlive(i) && !world.IsRoot(i) && world.DepthOf(i) > 0)
            {
                expected.Add(map.Key(world.Plan(i)) + " -> " + map.Key(world.Plan((int)world.ParentOf(i) - 1)));
            }
        }

        List<string> drawn = map.LinesInside(ParentEdge).Select(line => line.Key).ToList();
        Assert.True(expected.Count >= world.NodeCount / 2, $"only {expected.Count} attached non-root nodes");
        Assert.Equal(expected.Order(StringComparer.Ordinal), drawn.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_timeline_has_one_labelled_marker_per_fault_at_its_time()
    {
        (SimWorld world, XElement svg) = TourRun.Value;
        XElement timeline = Elements(svg, "rect").Single(r => Attr(r, "height") == 200);
        double x0 = Attr(timeline, "x");
        double width = Attr(timeline, "width");
        List<double> markers = Elements(svg, "line")
            .Where(l => (string?)l.Attribute("stroke") == FaultMarker && (string?)l.Attribute("stroke-dasharray") == "3 3")
            .Select(l => Attr(l, "x1")).ToList();

        Assert.Equal(3, world.Faults.Count);
        Assert.Equal(world.Faults.Count, markers.Count);
        for (int k = 0; k < world.Faults.Count; k++)
        {
            FaultRecord fault = world.Faults[k];
            Assert.Equal(x0 + (width * fault.AtUs / world.DurationUs), markers[k], 0.06);
            string label = FaultNames.Of(fault.Kind) + (fault.NodeId.HasValue ? " " + fault.NodeId.Value.ToString(CultureInfo.InvariantCulture) : "");
            Assert.Contains(Elements(svg, "text"), t => t.Value == label && (string?)t.Attribute("fill") == FaultMarker);
        }
    }

    private static IEnumerable<XElement> Elements(XElement svg, string name) => svg.Descendants().Where(e => e.Name.LocalName == name);

    // A number attribute; NaN when it is missing or not a plain number (the background's "100%").
    private static double Attr(XElement element, string name) =>
        double.TryParse((string?)element.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;

    /// <summary>The map: the square frame in the drawing, and the elements drawn at a node's projected position.</summary>
    private sealed class MapFrame
    {
        private const double Tolerance = 0.06; // coordinates are written to 0.1 px

        private readonly XElement _svg;
        private readonly double _x0;
        private readonly double _y0;
        private readonly double _sidePx;
        private readonly double _areaM;

        public MapFrame(XElement svg, double areaM)
        {
            _svg = svg;
            _areaM = areaM;
            XElement frame = Elements(svg, "rect").Single(r => Attr(r, "width") == Attr(r, "height") && Attr(r, "width") > 100);
            _x0 = Attr(frame, "x");
            _y0 = Attr(frame, "y");
            _sidePx = Attr(frame, "width");
        }

        public (double X, double Y) At(NodePlan plan) => (_x0 + (_sidePx * plan.XM / _areaM), _y0 + _sidePx - (_sidePx * plan.YM / _areaM));

        public string Key(NodePlan plan) => Key(At(plan));

        public IEnumerable<XElement> SquaresAt(NodePlan plan) =>
            Elements(_svg, "rect").Where(r => Attr(r, "width") == 11 && Near((Attr(r, "x") + 5.5, Attr(r, "y") + 5.5), At(plan)));

        public IEnumerable<XElement> BodyCirclesAt(NodePlan plan) => CirclesAt(plan).Where(c => (string?)c.Attribute("fill") != "none");

        public IEnumerable<XElement> RingsAt(NodePlan plan, string colour) =>
            CirclesAt(plan).Where(c => (string?)c.Attribute("fill") == "none" && (string?)c.Attribute("stroke") == colour);

        /// <summary>The node's own symbol: its square or its filled circle.</summary>
        public XElement Body(NodePlan plan) => SquaresAt(plan).Concat(BodyCirclesAt(plan)).Single();

        public IEnumerable<XElement> CrossesAt(NodePlan plan)
        {
            (double x, double y) = At(plan);
            string start = "M" + N(x - 4) + " " + N(y - 4) + " ";
            return Elements(_svg, "path").Where(p => p.Attribute("d")!.Value.StartsWith(start, StringComparison.Ordinal));
        }

        /// <summary>Lines of one colour with both ends inside the map (the legend's sample line is below it).</summary>
        public IEnumerable<(XElement Line, string Key)> LinesInside(string colour)
        {
            foreach (XElement line in Elements(_svg, "line").Where(l => (string?)l.Attribute("stroke") == colour))
            {
                (double X, double Y) from = (Attr(line, "x1"), Attr(line, "y1"));
                (double X, double Y) to = (Attr(line, "x2"), Attr(line, "y2"));
                if (Inside(from) && Inside(to))
                {
                    yield return (line, Key(from) + " -> " + Key(to));
                }
            }
        }

        private IEnumerable<XElement> CirclesAt(NodePlan plan) =>
            Elements(_svg, "circle").Where(c => Near((Attr(c, "cx"), Attr(c, "cy")), At(plan)));

        private bool Inside((double X, double Y) p) => p.X >= _x0 && p.X <= _x0 + _sidePx && p.Y >= _y0 && p.Y <= _y0 + _sidePx;

        private static bool Near((double X, double Y) a, (double X, double Y) b) => Math.Abs(a.X - b.X) <= Tolerance && Math.Abs(a.Y - b.Y) <= Tolerance;

        private static string Key((double X, double Y) p) => N(p.X) + "," + N(p.Y);

        private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
