/* n-body (Benchmarks Game problem), C, one thread, plain scalar code (idiomatic tier).
 * Build: cc -O3 -ffp-contract=off -I harness/protocol/c -o c c.c -lm
 * Usage: c WARMUP SAMPLES steps
 * Same arithmetic, in the same order, as python.py; the text written is the two energies with
 * "%.9f", and the checksum its FNV-1a 64-bit hash. */
#include "claimbench.h" /* the protocol: arguments, clock, peak memory, JSON line */
#include <math.h>

#define NBODIES 5
static const double PI = 3.141592653589793;
static const double DAYS_PER_YEAR = 365.24;

typedef struct {
    double x, y, z, vx, vy, vz, mass;
} body;

/* Jupiter, Saturn, Uranus, Neptune: position (AU), velocity (AU/day), mass (fraction of the Sun's). */
static const double PLANETS[4][7] = {
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03,
     7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03,
     4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03,
     2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03,
     1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05},
};

static void make_system(body *b) {
    const double solar_mass = 4.0 * PI * PI;
    b[0] = (body){0.0, 0.0, 0.0, 0.0, 0.0, 0.0, solar_mass};
    for (int i = 0; i < 4; i++) {
        const double *p = PLANETS[i];
        b[i + 1] = (body){p[0], p[1], p[2], p[3] * DAYS_PER_YEAR, p[4] * DAYS_PER_YEAR, p[5] * DAYS_PER_YEAR,
                          p[6] * solar_mass};
    }
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        px += b[i].vx * b[i].mass;
        py += b[i].vy * b[i].mass;
        pz += b[i].vz * b[i].mass;
    }
    b[0].vx = -px / solar_mass;
    b[0].vy = -py / solar_mass;
    b[0].vz = -pz / solar_mass;
}

static double energy(const body *b) {
    double e = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NBODIES; j++) {
            const double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= (b[i].mass * b[j].mass) / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(body *b, double dt, long steps) {
    for (long s = 0; s < steps; s++) {
        for (int i = 0; i < NBODIES; i++) {
            for (int j = i + 1; j < NBODIES; j++) {
                const double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
                const double d2 = dx * dx + dy * dy + dz * dz;
                const double mag = dt / (d2 * sqrt(d2));
                const double bm = b[j].mass * mag, am = b[i].mass * mag;
                b[i].vx -= dx * bm;
                b[i].vy -= dy * bm;
                b[i].vz -= dz * bm;
                b[j].vx += dx * am;
                b[j].vy += dy * am;
                b[j].vz += dz * am;
            }
        }
        for (int i = 0; i < NBODIES; i++) {
            b[i].x += dt * b[i].vx;
            b[i].y += dt * b[i].vy;
            b[i].z += dt * b[i].vz;
        }
    }
}

typedef struct {
    long steps;
    cb_output out; /* the text the program would print */
} job_t;

static int work(void *ctx) {
    job_t *j = ctx;
    body b[NBODIES];
    make_system(b);
    const double before = energy(b);
    advance(b, 0.01, j->steps);
    cb_output_clear(&j->out);
    cb_output_printf(&j->out, "%.9f\n%.9f\n", before, energy(b));
    return 0;
}

static const cb_param PARAMS[] = {CB_INT("steps", 1, 1L << 31)};

int main(int argc, char **argv) {
    const char *impl = "c";
    cb_args a = cb_parse_args(impl, argc, argv, PARAMS, 1);
    job_t job = {.steps = cb_int(&a, 0)};
    int64_t *samples = malloc((size_t)a.samples * sizeof *samples);
    if (!samples) {
        fprintf(stderr, "%s: out of memory\n", impl);
        return 1;
    }
    cb_time_samples(&a, work, &job, samples);
    cb_print_result(&a, cb_output_checksum(&job.out), samples, 1, NULL);
    free(samples);
    return 0;
}
