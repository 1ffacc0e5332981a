"""The citizens' feedback form of one service point: the registry's only HTML page.

``GET /feedback/{pin_id}`` (``?lang=en`` for English; Thai first) answers one small,
self-contained page -- no external file, font, image or script; about 16 KB -- that a cheap
phone on a slow connection shows at once.  It asks the question set of core/feedback.py, posts the
answers as JSON to ``POST /collections/feedback/items`` and thanks the citizen (or shows the
registry's message, in the page's language).

Accessible: one ``<fieldset>``/``<legend>`` per question, every control labelled, radio buttons
and buttons at least 48 px high, a visible focus ring, the result announced (``role=status``) and
focused; all of it works with the keyboard alone.

Its Content-Security-Policy is the registry's strict one loosened only as far as the page needs:
its one inline script and one inline style are allowed by their SHA-256 hashes (never
``'unsafe-inline'``), the script may talk to its own origin only (``connect-src 'self'``), and
nothing else may load, frame it or be a form's target.  The texts a pin brings (its name) are
HTML-escaped; the script reads its settings from ``data-`` attributes, never from generated
script text, so the hashes never change.
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
from typing import Optional, Sequence, Tuple

from citizen_pins.core import feedback as fb

STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Noto Sans Thai","Sarabun","Loma",Tahoma,sans-serif;
font-size:18px;line-height:1.5;color:#111;background:#f4f6f8}
main{max-width:40rem;margin:0 auto;padding:1rem}
header{background:#0b3d91;color:#fff;padding:1rem}
header p{margin:.25rem 0 0}
h1{font-size:1.35rem;margin:0}
.lang{color:#fff;display:inline-block;min-height:48px;padding:.6rem 0}
fieldset{border:1px solid #b8c2cc;border-radius:8px;background:#fff;margin:0 0 1rem;padding:.75rem}
legend{font-weight:600;padding:0 .25rem}
.scale{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.5rem}
.scale label,.yn label{flex:1 1 4.2rem;display:flex;flex-direction:column;align-items:center;
justify-content:center;min-height:56px;border:2px solid #8a99a8;border-radius:8px;padding:.3rem;
text-align:center;font-size:.8rem;cursor:pointer;background:#fff}
.scale b{font-size:1.3rem}
.yn{display:flex;gap:.5rem;margin-top:.5rem}
.yn label{font-size:1rem}
input[type=radio]{position:absolute;opacity:0;width:1px;height:1px}
input[type=radio]:checked+span{font-weight:700}
label:has(input:checked){background:#0b3d91;color:#fff;border-color:#0b3d91}
input:focus-visible+span{outline:3px solid #f5a700;outline-offset:3px}
.field{display:block;margin:.5rem 0}
input[type=date],select,textarea{width:100%;font:inherit;min-height:48px;padding:.5rem;
border:2px solid #8a99a8;border-radius:8px;background:#fff}
textarea{min-height:6rem}
:focus-visible{outline:3px solid #f5a700;outline-offset:2px}
.check{display:flex;align-items:center;gap:.6rem;min-height:48px}
.check input{width:28px;height:28px}
button{width:100%;min-height:56px;font:inherit;font-weight:700;color:#fff;background:#0b7a3b;
border:0;border-radius:8px;margin:.5rem 0 1rem;cursor:pointer}
button[disabled]{background:#6b7780}
.hint{font-size:.85rem;color:#444}
#result{padding:.75rem;border-radius:8px;margin:1rem 0}
#result.ok{background:#e3f4e8;border:2px solid #0b7a3b}
#result.err{background:#fdecea;border:2px solid #b00020}
[hidden]{display:none!important}
"""

SCRIPT = r"""
(function(){
var form=document.getElementById('fb');var out=document.getElementById('result');
var d=document.body.dataset;var btn=form.querySelector('button');
var comp=document.getElementById('has_complaint');var cbox=document.getElementById('complaint_box');
comp.addEventListener('change',function(){cbox.hidden=!comp.checked;});
function say(cls,text){out.className=cls;out.textContent=text;out.hidden=false;out.focus();}
function val(name){var el=form.querySelector('input[name="'+name+'"]:checked');return el?el.value:null;}
form.addEventListener('submit',function(ev){
ev.preventDefault();
var answers={};var keys=d.questions.split(',');
for(var i=0;i<keys.length;i++){var v=val(keys[i]);answers[keys[i]]=v===null?null:parseInt(v,10);}
if(answers.satisfaction===null){say('err',d.needSatisfaction);
form.querySelector('input[name="satisfaction"]').focus();return;}
function yn(name){var v=val(name);return v===null?null:v==='yes';}
var comment=form.comment.value.trim();
var complaint=null;
if(comp.checked){complaint={category:form.category.value||null,detail:form.detail.value.trim()||null};}
var svc=form.querySelector('#service');
var body={type:'Feature',geometry:null,properties:{pin_id:d.pin,service_id:(svc&&svc.value)||null,
visit_date:form.visit_date.value,answers:answers,asked_copy:yn('asked_copy'),
asked_payment:yn('asked_payment'),comment:comment||null,complaint:complaint}};
btn.disabled=true;say('',d.sending);
var x=new XMLHttpRequest();x.open('POST',d.endpoint);
x.setRequestHeader('Content-Type','application/json');x.timeout=60000;
x.onload=function(){var r=null;try{r=JSON.parse(x.responseText);}catch(e){}
if(x.status===201||x.status===200){form.hidden=true;say('ok',d.thanks);return;}
btn.disabled=false;
say('err',(r&&(d.lang==='th'?r.message_th:r.message_en))||d.failed);};
x.onerror=x.ontimeout=function(){btn.disabled=false;say('err',d.offline);};
x.send(JSON.stringify(body));});
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() \
        + "'"


#: The page's Content-Security-Policy (the inline style and script by their hashes).
CSP = ("default-src 'none'; script-src " + _hash(SCRIPT) + "; style-src " + _hash(STYLE)
       + "; connect-src 'self'; img-src 'none'; form-action 'none'; frame-ancestors 'none'; "
       "base-uri 'none'")

TEXT = {
    "th": {
        "title": "ประเมินความพึงพอใจการรับบริการ",
        "intro": "ใช้เวลาประมาณ 1 นาที ไม่ต้องเข้าสู่ระบบ และไม่เก็บชื่อ เบอร์โทร หรือเลขบัตรประชาชน "
                 "ของท่าน (หากพิมพ์มาในความคิดเห็น ระบบจะลบออก)",
        "other": "English", "other_lang": "en",
        "visit": "วันที่มารับบริการ",
        "service": "งานบริการที่มาติดต่อ (ไม่บังคับ)", "no_service": "— ไม่ระบุ —",
        "part": "กรุณาเลือกคำตอบที่ตรงกับความรู้สึกของท่าน (ข้อแรกต้องตอบ ข้ออื่นข้ามได้)",
        "yes": "ใช่", "no": "ไม่ใช่",
        "comment": "ความคิดเห็นหรือข้อเสนอแนะ (ไม่บังคับ)",
        "has_complaint": "ต้องการร้องเรียน",
        "category": "ประเภทของเรื่องร้องเรียน", "choose": "— เลือกประเภท —",
        "detail": "รายละเอียดเรื่องร้องเรียน",
        "submit": "ส่งความคิดเห็น",
        "thanks": "ขอบคุณที่ให้ความคิดเห็น ระบบได้รับคำตอบของท่านแล้ว",
        "sending": "กำลังส่ง…",
        "failed": "ส่งไม่สำเร็จ กรุณาลองใหม่อีกครั้ง",
        "offline": "ส่งไม่สำเร็จ: เชื่อมต่ออินเทอร์เน็ตไม่ได้ กรุณาลองใหม่อีกครั้ง",
        "need": "กรุณาตอบข้อแรก (ความพึงพอใจโดยรวม)",
        "noscript": "แบบประเมินนี้ต้องเปิด JavaScript ในเบราว์เซอร์",
        "privacy": "คำตอบใช้เพื่อปรับปรุงการให้บริการเท่านั้น",
    },
    "en": {
        "title": "How was our service?",
        "intro": "About one minute, no sign-in. We do not keep your name, phone number or ID "
                 "number (if you type one in a comment, it is removed).",
        "other": "ภาษาไทย", "other_lang": "th",
        "visit": "Date of your visit",
        "service": "The service you came for (optional)", "no_service": "— not specified —",
        "part": "Choose the answer closest to how you feel (the first question is required, "
                "you may skip the others)",
        "yes": "Yes", "no": "No",
        "comment": "Comments or suggestions (optional)",
        "has_complaint": "I want to make a complaint",
        "category": "What is the complaint about", "choose": "— choose —",
        "detail": "Details of the complaint",
        "submit": "Send",
        "thanks": "Thank you. Your answers have been received.",
        "sending": "Sending…",
        "failed": "Could not send; please try again.",
        "offline": "Could not send: no connection. Please try again.",
        "need": "Please answer the first question (overall satisfaction).",
        "noscript": "This form needs JavaScript to be enabled in the browser.",
        "privacy": "Your answers are used only to improve the service.",
    },
}


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def render(pin_id: str, name_th: Optional[str], name_en: Optional[str], endpoint: str,
           lang: str = "th", today: Optional[dt.date] = None,
           services: Sequence[Tuple[str, Optional[str], Optional[str]]] = ()) -> bytes:
    """The page for one pin, in ``lang`` (th or en); ``services`` (id, name_th, name_en): the
    pin's active services, offered as an optional choice."""
    lang = "en" if lang == "en" else "th"
    t = TEXT[lang]
    name = (name_en if lang == "en" and name_en else name_th) or ""
    today = today or dt.datetime.now(fb.BANGKOK).date()
    earliest = today - dt.timedelta(days=fb.MAX_VISIT_AGE_DAYS)
    out = []
    add = out.append
    add(f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f'<title>{_e(t["title"])} · {_e(name)}</title><style>{STYLE}</style></head>')
    add(f'<body data-pin="{_e(pin_id)}" data-endpoint="{_e(endpoint)}" data-lang="{lang}" '
        f'data-questions="{",".join(fb.QUESTION_KEYS)}" data-thanks="{_e(t["thanks"])}" '
        f'data-sending="{_e(t["sending"])}" data-failed="{_e(t["failed"])}" '
        f'data-offline="{_e(t["offline"])}" data-need-satisfaction="{_e(t["need"])}">')
    add(f'<header><h1>{_e(t["title"])}</h1><p>{_e(name)}</p>'
        f'<a class="lang" href="?lang={t["other_lang"]}" hreflang="{t["other_lang"]}">'
        f'{_e(t["other"])}</a></header><main>')
    add(f'<p>{_e(t["intro"])}</p><noscript><p>{_e(t["noscript"])}</p></noscript>')
    add('<div id="result" role="status" aria-live="polite" tabindex="-1" hidden></div>')
    add('<form id="fb" method="post" novalidate>')
    add(f'<label class="field" for="visit_date">{_e(t["visit"])}</label>'
        f'<input type="date" id="visit_date" name="visit_date" required '
        f'value="{today.isoformat()}" min="{earliest.isoformat()}" max="{today.isoformat()}">')
    if services:
        add(f'<label class="field" for="service">{_e(t["service"])}</label>'
            f'<select id="service" name="service"><option value="">{_e(t["no_service"])}</option>')
        for sid, s_th, s_en in services:
            label = (s_en if lang == "en" and s_en else s_th) or ""
            add(f'<option value="{_e(sid)}">{_e(label)}</option>')
        add('</select>')
    add(f'<p class="hint">{_e(t["part"])}</p>')
    for k, q in enumerate(fb.QUESTIONS, 1):
        text = q.text_th if lang == "th" else q.text_en
        req = " *" if q.required else ""
        add(f'<fieldset><legend>{k}. {_e(text)}{req}</legend><div class="scale">')
        for value, th, en in fb.SCALE:
            word = th if lang == "th" else en
            required = " required" if q.required and value == 1 else ""
            add(f'<label><input type="radio" name="{q.key}" value="{value}"{required}>'
                f'<span><b>{value}</b><br>{_e(word)}</span></label>')
        add('</div></fieldset>')
    for q in fb.YES_NO:
        text = q.text_th if lang == "th" else q.text_en
        add(f'<fieldset><legend>{_e(text)}</legend><div class="yn">'
            f'<label><input type="radio" name="{q.key}" value="yes"><span>{_e(t["yes"])}</span>'
            f'</label><label><input type="radio" name="{q.key}" value="no">'
            f'<span>{_e(t["no"])}</span></label></div></fieldset>')
    add(f'<label class="field" for="comment">{_e(t["comment"])}</label>'
        f'<textarea id="comment" name="comment" maxlength="{fb.MAX_COMMENT}"></textarea>')
    add(f'<p class="check"><input type="checkbox" id="has_complaint">'
        f'<label for="has_complaint">{_e(t["has_complaint"])}</label></p>')
    add('<div id="complaint_box" hidden>'
        f'<label class="field" for="category">{_e(t["category"])}</label>'
        f'<select id="category" name="category"><option value="">{_e(t["choose"])}</option>')
    for c in fb.CATEGORIES:
        add(f'<option value="{c.key}">{_e(c.label_th if lang == "th" else c.label_en)}</option>')
    add(f'</select><label class="field" for="detail">{_e(t["detail"])}</label>'
        f'<textarea id="detail" name="detail" maxlength="{fb.MAX_COMMENT}"></textarea></div>')
    add(f'<button type="submit">{_e(t["submit"])}</button></form>'
        f'<p class="hint">{_e(t["privacy"])}</p></main><script>{SCRIPT}</script></body></html>')
    return "".join(out).encode("utf-8")
