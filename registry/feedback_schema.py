"""The feedback tables, their summary and the functions the gateway writes and reads them with
(:mod:`registry.dbschema`'s pattern: the owner creates them, the writer only executes functions).

* ``feedback``: one row per response -- the pin, its province and amphoe at the time, the visit
  date, the answers, the yes/no answers, the comment and complaint (free text already stripped of
  personal data by the gateway).  No client address, no account, no exact time of day: the row
  cannot be tied to a person or a device.  Nobody but the owner reads it directly; accounts read
  it through :sql:`citizen_pins_feedback_read`, which checks their provinces.
* ``feedback_monthly`` (+ ``feedback_monthly_complaints``): the summary every aggregate is read
  from -- per pin, service and month of the visit: counts, the satisfaction distribution, per item
  the number of answers and their sum, the yes/no counts, comments, complaints per category.
  Kept up to date incrementally by a statement-level trigger on ``feedback`` (its transition
  table: one GROUP BY per statement, whether it inserts one row or ten million), in the same
  transaction as the responses.
* ``feedback_throttle``: per-client and per-pin counts of the current window, shared by every
  gateway process and host; ``feedback_recent``: the keys of recent submissions (a keyed hash of
  the client and the answers) for the duplicate check.  Both forget what is a day old.
"""
from __future__ import annotations

from citizen_pins.core import feedback as fb

ITEMS = fb.QUESTION_KEYS
OTHER_ITEMS = tuple(k for k in ITEMS if k != "satisfaction")
CATEGORIES_SQL = ", ".join(f"'{k}'" for k in fb.CATEGORY_KEYS)
_DEFINER = "SECURITY DEFINER SET search_path = public, pg_temp"


def _item_columns() -> str:
    cols = ["satisfaction smallint NOT NULL CHECK (satisfaction BETWEEN 1 AND 5)"]
    cols += [f"{k} smallint CHECK ({k} BETWEEN 1 AND 5)" for k in OTHER_ITEMS]
    return ",\n    ".join(cols)


def _summary_columns() -> str:
    cols = [f"sat{v} integer NOT NULL DEFAULT 0" for v in range(1, 6)]
    for k in OTHER_ITEMS:
        cols += [f"{k}_n integer NOT NULL DEFAULT 0", f"{k}_sum integer NOT NULL DEFAULT 0"]
    cols += [f"{c} integer NOT NULL DEFAULT 0" for c in
             ("copy_yes", "copy_n", "pay_yes", "pay_n", "comments", "complaints", "synthetic")]
    return ",\n    ".join(cols)


#: The summary's counters, and how one statement's new rows make them.
SUMMARY_COUNTERS = ([(f"sat{v}", f"count(*) FILTER (WHERE satisfaction = {v})") for v in range(1, 6)]
                    + [c for k in OTHER_ITEMS for c in ((f"{k}_n", f"count({k})"),
                                                        (f"{k}_sum", f"coalesce(sum({k}), 0)"))]
                    + [("copy_yes", "count(*) FILTER (WHERE asked_copy)"),
                       ("copy_n", "count(asked_copy)"),
                       ("pay_yes", "count(*) FILTER (WHERE asked_payment)"),
                       ("pay_n", "count(asked_payment)"),
                       ("comments", "count(comment)"),
                       ("complaints", "count(complaint_category)"),
                       ("synthetic", "count(*) FILTER (WHERE synthetic)")])


#: The summary tables' first columns: what a row is the summary of.
_SUMMARY_KEY = ("pin_id varchar(36) NOT NULL, service_id varchar(36) NOT NULL DEFAULT '', "
                "month date NOT NULL, province_code varchar(2) NOT NULL, amphoe_code varchar(4),")


def tables_ddl() -> str:
    return f"""
CREATE TABLE IF NOT EXISTS feedback (
    id bigserial PRIMARY KEY,
    feedback_id uuid NOT NULL UNIQUE,
    pin_id varchar(36) NOT NULL,
    service_id varchar(36)
        CHECK (service_id ~ '^[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$'),
    province_code varchar(2) NOT NULL CHECK (province_code ~ '^[1-9][0-9]$'),
    amphoe_code varchar(4) CHECK (amphoe_code ~ '^[1-9][0-9]{{3}}$'),
    visit_date date NOT NULL,
    received_on date NOT NULL DEFAULT (clock_timestamp() AT TIME ZONE 'Asia/Bangkok')::date,
    {_item_columns()},
    asked_copy boolean,
    asked_payment boolean,
    comment text CHECK (char_length(comment) BETWEEN 1 AND {fb.MAX_COMMENT}),
    complaint_category text CHECK (complaint_category IN ({CATEGORIES_SQL})),
    complaint_detail text CHECK (char_length(complaint_detail) BETWEEN 1 AND {fb.MAX_COMMENT}),
    synthetic boolean NOT NULL DEFAULT false,
    CHECK (complaint_detail IS NULL OR complaint_category IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS feedback_province_visit_idx ON feedback (province_code, visit_date);
CREATE INDEX IF NOT EXISTS feedback_pin_visit_idx ON feedback (pin_id, visit_date);

CREATE TABLE IF NOT EXISTS feedback_monthly (
    {_SUMMARY_KEY}
    n integer NOT NULL DEFAULT 0,
    {_summary_columns()},
    PRIMARY KEY (pin_id, service_id, month)
);
CREATE INDEX IF NOT EXISTS feedback_monthly_province_idx ON feedback_monthly (province_code, month);
CREATE INDEX IF NOT EXISTS feedback_monthly_month_idx ON feedback_monthly (month);

CREATE TABLE IF NOT EXISTS feedback_monthly_complaints (
    {_SUMMARY_KEY}
    category text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (pin_id, service_id, month, category)
);
CREATE INDEX IF NOT EXISTS feedback_monthly_complaints_province_idx
    ON feedback_monthly_complaints (province_code, month);

CREATE TABLE IF NOT EXISTS feedback_throttle (
    key text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    count integer NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback_recent (
    key text PRIMARY KEY,
    feedback_id uuid NOT NULL,
    expires_at timestamptz NOT NULL
);
"""


def trigger_ddl() -> str:
    names = [c for c, _ in SUMMARY_COUNTERS]
    exprs = ", ".join(e for _, e in SUMMARY_COUNTERS)
    updates = ", ".join(f"{c} = m.{c} + EXCLUDED.{c}" for c in ["n"] + names)
    return f"""
CREATE OR REPLACE FUNCTION feedback_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO feedback_monthly AS m (pin_id, service_id, month, province_code, amphoe_code, n,
                                       {", ".join(names)})
    SELECT pin_id, coalesce(service_id, ''), date_trunc('month', visit_date)::date,
           min(province_code), min(amphoe_code), count(*), {exprs}
    FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (pin_id, service_id, month) DO UPDATE SET {updates};
    INSERT INTO feedback_monthly_complaints AS m (pin_id, service_id, month, province_code,
                                                  amphoe_code, category, n)
    SELECT pin_id, coalesce(service_id, ''), date_trunc('month', visit_date)::date,
           min(province_code), min(amphoe_code), complaint_category, count(*)
    FROM new_rows WHERE complaint_category IS NOT NULL GROUP BY 1, 2, 3, 6 ORDER BY 1, 2, 3, 6
    ON CONFLICT (pin_id, service_id, month, category) DO UPDATE SET n = m.n + EXCLUDED.n;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS feedback_summarise ON feedback;
CREATE TRIGGER feedback_summarise AFTER INSERT ON feedback
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION feedback_summarise();
"""


#: The functions the writer role may execute.
WRITER_FUNCTIONS = (
    "citizen_pins_feedback_secret()",
    "citizen_pins_feedback_submit(text, text, text, text, date, smallint[], boolean, boolean, "
    "text, text, text, integer, integer, integer, integer, integer)",
    "citizen_pins_feedback_read(text, text[], text, date, date, integer, integer)",
)
PRIVATE_FUNCTIONS = WRITER_FUNCTIONS + ("feedback_summarise()",)
#: The writer reads the summary (public aggregates); the raw responses only through the function.
WRITER_TABLES = ("feedback_monthly", "feedback_monthly_complaints")


def functions_ddl() -> str:
    item_cols = ", ".join(ITEMS)
    item_vals = ", ".join(f"p_answers[{i}]" for i in range(1, len(ITEMS) + 1))
    return f"""
INSERT INTO registry_meta (key, value)
VALUES ('feedback_secret', encode(sha256(random()::text::bytea || clock_timestamp()::text::bytea
                                         || random()::text::bytea), 'hex'))
ON CONFLICT (key) DO NOTHING;

CREATE OR REPLACE FUNCTION citizen_pins_feedback_secret() RETURNS text
LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT value FROM registry_meta WHERE key = 'feedback_secret'
$$;

-- One anonymous response: the pin must be live; the same client's same answers within the
-- duplicate window are accepted once (outcome 'duplicate', the first one's id); past a limit of
-- the client or the pin: 'throttled' and the seconds to wait (the caller rolls back, so a refused
-- attempt counts for nothing).  Else 'stored'.
CREATE OR REPLACE FUNCTION citizen_pins_feedback_submit(
    p_client text, p_dedupe text, p_pin text, p_service text, p_visit date, p_answers smallint[],
    p_copy boolean, p_pay boolean, p_comment text, p_category text, p_detail text,
    client_limit integer, client_window integer, pin_limit integer, pin_window integer,
    dedupe_window integer)
RETURNS TABLE (outcome text, feedback_id uuid, retry_after integer)
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    prov text; amph text; fid uuid := gen_random_uuid(); got uuid; k text; lim integer;
    win integer; c integer; started timestamptz; wait integer := 0;
BEGIN
    SELECT s.province_code, s.amphoe_code INTO prov, amph FROM service_points s
    WHERE s.pin_id = p_pin;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown_pin'::text, NULL::uuid, 0;
        RETURN;
    END IF;
    -- a named service must be one of this pin's (the services collection, issue 18)
    IF p_service IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM services v WHERE v.service_id = p_service AND v.pin_id = p_pin) THEN
        RETURN QUERY SELECT 'unknown_service'::text, NULL::uuid, 0;
        RETURN;
    END IF;
    INSERT INTO feedback_recent AS r (key, feedback_id, expires_at)
    VALUES (p_dedupe, fid, clock_timestamp() + make_interval(secs => dedupe_window))
    ON CONFLICT (key) DO UPDATE SET feedback_id = EXCLUDED.feedback_id,
                                    expires_at = EXCLUDED.expires_at
        WHERE r.expires_at <= clock_timestamp()
    RETURNING r.feedback_id INTO got;
    IF got IS NULL THEN
        SELECT r.feedback_id INTO got FROM feedback_recent r WHERE r.key = p_dedupe;
        RETURN QUERY SELECT 'duplicate'::text, got, 0;
        RETURN;
    END IF;
    FOREACH k IN ARRAY ARRAY['client:' || p_client, 'pin:' || p_pin] LOOP
        IF k LIKE 'client:%' THEN lim := client_limit; win := client_window;
        ELSE lim := pin_limit; win := pin_window;
        END IF;
        INSERT INTO feedback_throttle AS t (key, window_start, count)
        VALUES (k, clock_timestamp(), 1)
        ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN t.window_start <= clock_timestamp() - make_interval(secs => win)
                         THEN 1 ELSE t.count + 1 END,
            window_start = CASE WHEN t.window_start <= clock_timestamp() - make_interval(secs => win)
                                THEN clock_timestamp() ELSE t.window_start END
        RETURNING t.count, t.window_start INTO c, started;
        IF c > lim THEN
            wait := greatest(wait, ceil(extract(epoch FROM started + make_interval(secs => win)
                                                 - clock_timestamp()))::integer, 1);
        END IF;
    END LOOP;
    IF wait > 0 THEN
        RETURN QUERY SELECT 'throttled'::text, NULL::uuid, wait;
        RETURN;
    END IF;
    INSERT INTO feedback (feedback_id, pin_id, service_id, province_code, amphoe_code, visit_date,
                          {item_cols}, asked_copy, asked_payment, comment, complaint_category,
                          complaint_detail)
    VALUES (fid, p_pin, p_service, prov, amph, p_visit, {item_vals}, p_copy, p_pay, p_comment,
            p_category, p_detail);
    IF random() < 0.01 THEN  -- forget what is a day old
        DELETE FROM feedback_recent WHERE expires_at < clock_timestamp() - interval '1 day';
        DELETE FROM feedback_throttle WHERE window_start < clock_timestamp() - interval '1 day';
    END IF;
    RETURN QUERY SELECT 'stored'::text, fid, 0;
END $$;

-- Individual responses (with their comments) for an account: a coordinator reads every
-- province (p_provinces NULL: all), an editor only its own; anything else is refused.
CREATE OR REPLACE FUNCTION citizen_pins_feedback_read(
    p_actor text, p_provinces text[], p_pin text, p_from date, p_to date, p_limit integer,
    p_offset integer)
RETURNS SETOF feedback LANGUAGE plpgsql STABLE {_DEFINER} AS $$
DECLARE a accounts;
BEGIN
    SELECT * INTO a FROM accounts WHERE name = p_actor AND NOT disabled;
    IF NOT FOUND OR (a.role <> 'coordinator' AND (p_provinces IS NULL
                     OR NOT p_provinces <@ a.provinces::text[])) THEN
        RAISE EXCEPTION 'account % may not read the feedback of provinces %', p_actor, p_provinces
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY SELECT * FROM feedback f
        WHERE (p_provinces IS NULL OR f.province_code = ANY (p_provinces))
          AND (p_pin IS NULL OR f.pin_id = p_pin)
          AND (p_from IS NULL OR f.visit_date >= p_from)
          AND (p_to IS NULL OR f.visit_date <= p_to)
        ORDER BY f.visit_date DESC, f.id DESC LIMIT p_limit OFFSET p_offset;
END $$;
"""


def migrate(cur) -> None:
    """Create or update the feedback tables, trigger and functions (as the owner; after the
    registry's own tables, whose ``service_points``, ``accounts`` and ``registry_meta`` they
    use)."""
    cur.execute(tables_ddl())
    cur.execute(trigger_ddl())
    cur.execute(functions_ddl())


def grants_ddl(writer: str) -> str:
    out = [f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC;" for fn in PRIVATE_FUNCTIONS]
    out += [f"GRANT EXECUTE ON FUNCTION {fn} TO {writer};" for fn in WRITER_FUNCTIONS]
    out += [f"GRANT SELECT ON {t} TO {writer};" for t in WRITER_TABLES]
    return "\n".join(out)
