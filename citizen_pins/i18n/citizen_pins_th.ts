<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH">
<context>
    <name>AccessAlgorithm</name>
    <message>
        <location filename="../processing/analysis/access.py" line="210"/>
        <source>Access to the nearest service point</source>
        <translation>การเข้าถึงจุดให้บริการที่ใกล้ที่สุด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="213"/>
        <source>How far every place is from its nearest service point, and where people are underserved. Places: tambon polygons (measured from their centroid, or a point on the surface when the centroid falls outside, or the population-weighted centroid of WEIGHTS points), or any point layer (villages, a population grid), with an optional population field. Straight line (default): the exact geodesic distance on the WGS 84 ellipsoid. Road network: any line layer, with optional speed (km/h; a road without one takes DEFAULT_SPEED) and direction fields; the graph is built once and all places are measured in one multi-source shortest-path pass; places and pins are snapped to the nearest road and the snapping distances are reported. A place that cannot reach any service point (an island of the network, one-way roads) is said so, never given a distance. Writes the point each place was measured from with its distance (or time), nearest pin and an underserved flag beyond MAX_DISTANCE km (MAX_TIME minutes), and a summary per province and amphoe: shares of places and people within the threshold, and the farthest place.</source>
        <translation>แต่ละพื้นที่อยู่ห่างจากจุดให้บริการที่ใกล้ที่สุดเท่าใด และประชาชนที่ใดเข้าถึงบริการยาก พื้นที่: รูปปิดตำบล (วัดจากจุดศูนย์กลาง หรือจุดบนพื้นผิวเมื่อจุดศูนย์กลางอยู่นอกรูป หรือจุดศูนย์กลางถ่วงน้ำหนักด้วยประชากรของจุดใน WEIGHTS) หรือชั้นจุดใด ๆ (หมู่บ้าน กริดประชากร) โดยระบุฟิลด์ประชากรได้ เส้นตรง (ค่าเริ่มต้น): ระยะทางจีโอเดสิกบนทรงรี WGS 84 อย่างแม่นยำ โครงข่ายถนน: ชั้นเส้นใด ๆ ระบุฟิลด์ความเร็ว (กม./ชม. ถนนที่ไม่มีค่าใช้ DEFAULT_SPEED) และฟิลด์ทิศทางได้ สร้างกราฟครั้งเดียวและวัดทุกพื้นที่ในการค้นหาเส้นทางสั้นที่สุดจากหลายต้นทางรอบเดียว พื้นที่และหมุดถูกยึดเข้ากับถนนที่ใกล้ที่สุดและรายงานระยะที่ยึด พื้นที่ที่ไปไม่ถึงจุดให้บริการใดเลย (เกาะของโครงข่าย ถนนทางเดียว) จะแจ้งไว้ ไม่ให้ระยะทางปลอม ผลลัพธ์: จุดที่ใช้วัดของแต่ละพื้นที่ พร้อมระยะทาง (หรือเวลา) หมุดที่ใกล้ที่สุด และเครื่องหมายเข้าถึงยากเมื่อเกิน MAX_DISTANCE กม. (MAX_TIME นาที) และสรุปรายจังหวัดและอำเภอ: สัดส่วนพื้นที่และประชากรที่อยู่ในเกณฑ์ และพื้นที่ที่ไกลที่สุด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="234"/>
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="236"/>
        <source>Point types to count (none chosen: every pin)</source>
        <translation>ประเภทจุดให้บริการที่นับ (ไม่เลือก: ทุกหมุด)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="239"/>
        <source>Pin id field (pin_id if empty)</source>
        <translation>ฟิลด์รหัสหมุด (ว่าง: pin_id)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="239"/>
        <source>Pin name field (name_th if empty)</source>
        <translation>ฟิลด์ชื่อหมุด (ว่าง: name_th)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="243"/>
        <source>Places (tambon polygons, villages, population grid)</source>
        <translation>พื้นที่ (รูปปิดตำบล หมู่บ้าน กริดประชากร)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="246"/>
        <source>Where a polygon is measured from</source>
        <translation>จุดที่ใช้วัดของรูปปิด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="246"/>
        <source>Centroid (a point on the surface when it falls outside)</source>
        <translation>จุดศูนย์กลาง (ใช้จุดบนพื้นผิวเมื่ออยู่นอกรูป)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="246"/>
        <source>Point on the surface</source>
        <translation>จุดบนพื้นผิว</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="246"/>
        <source>Population-weighted centroid of the WEIGHTS points</source>
        <translation>จุดศูนย์กลางถ่วงน้ำหนักด้วยประชากรของจุดใน WEIGHTS</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="251"/>
        <source>Weight points for the weighted centroid (villages, population grid)</source>
        <translation>จุดน้ำหนักสำหรับจุดศูนย์กลางถ่วงน้ำหนัก (หมู่บ้าน กริดประชากร)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="254"/>
        <source>Weight field (population)</source>
        <translation>ฟิลด์น้ำหนัก (ประชากร)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="257"/>
        <source>Place id field (the code field if empty)</source>
        <translation>ฟิลด์รหัสพื้นที่ (ว่าง: ฟิลด์รหัสตำบล)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="257"/>
        <source>Place name field (detected if empty)</source>
        <translation>ฟิลด์ชื่อพื้นที่ (ว่าง: ตรวจหาให้)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="257"/>
        <source>Tambon code field of the places (detected if empty)</source>
        <translation>ฟิลด์รหัสตำบลของพื้นที่ (ว่าง: ตรวจหาให้)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="264"/>
        <source>Population field of the places</source>
        <translation>ฟิลด์ประชากรของพื้นที่</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="267"/>
        <source>Distance measured</source>
        <translation>วิธีวัดระยะทาง</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="267"/>
        <source>Straight line (geodesic)</source>
        <translation>เส้นตรง (จีโอเดสิก)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="267"/>
        <source>Along the road network</source>
        <translation>ตามโครงข่ายถนน</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="271"/>
        <source>Road network (lines)</source>
        <translation>โครงข่ายถนน (เส้น)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="273"/>
        <source>On the network: shortest or fastest</source>
        <translation>บนโครงข่าย: สั้นที่สุดหรือเร็วที่สุด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="273"/>
        <source>Shortest (distance)</source>
        <translation>สั้นที่สุด (ระยะทาง)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="273"/>
        <source>Fastest (travel time)</source>
        <translation>เร็วที่สุด (เวลาเดินทาง)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="277"/>
        <source>Speed field (km/h)</source>
        <translation>ฟิลด์ความเร็ว (กม./ชม.)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="280"/>
        <source>Speed of a road without one, and of the walk to the road (km/h)</source>
        <translation>ความเร็วของถนนที่ไม่มีค่าความเร็ว และของช่วงเดินทางเข้าสู่ถนน (กม./ชม.)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="284"/>
        <source>Direction field (one-way roads)</source>
        <translation>ฟิลด์ทิศทาง (ถนนทางเดียว)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="287"/>
        <source>Values for one way, along the line</source>
        <translation>ค่าที่หมายถึงทางเดียวตามทิศของเส้น</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="287"/>
        <source>Values for one way, against the line</source>
        <translation>ค่าที่หมายถึงทางเดียวสวนทิศของเส้น</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="287"/>
        <source>Values for both ways</source>
        <translation>ค่าที่หมายถึงไปได้สองทาง</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="294"/>
        <source>Direction of a road with another or no value</source>
        <translation>ทิศทางของถนนที่มีค่าอื่นหรือไม่มีค่า</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="294"/>
        <source>Both ways</source>
        <translation>สองทาง</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="294"/>
        <source>One way, along the line</source>
        <translation>ทางเดียว ตามทิศของเส้น</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="294"/>
        <source>One way, against the line</source>
        <translation>ทางเดียว สวนทิศของเส้น</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="298"/>
        <source>Join line ends closer than (metres; 0: only the same coordinates)</source>
        <translation>เชื่อมปลายเส้นที่ห่างกันไม่เกิน (เมตร; 0: เฉพาะพิกัดเดียวกัน)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="301"/>
        <source>Underserved beyond (km)</source>
        <translation>ถือว่าเข้าถึงยากเมื่อไกลเกิน (กม.)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="304"/>
        <source>Underserved beyond, fastest on the network (minutes)</source>
        <translation>ถือว่าเข้าถึงยากเมื่อใช้เวลาเกิน บนโครงข่ายแบบเร็วที่สุด (นาที)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="307"/>
        <source>Access per place (points)</source>
        <translation>การเข้าถึงรายพื้นที่ (จุด)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="309"/>
        <source>Access per province and amphoe</source>
        <translation>การเข้าถึงรายจังหวัดและอำเภอ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="311"/>
        <source>Access per place (the place polygons)</source>
        <translation>การเข้าถึงรายพื้นที่ (รูปปิดของพื้นที่)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Places</source>
        <translation>จำนวนพื้นที่</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Places within the threshold</source>
        <translation>พื้นที่ที่อยู่ในเกณฑ์</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Underserved places</source>
        <translation>พื้นที่ที่เข้าถึงยาก</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Places that cannot reach any pin</source>
        <translation>พื้นที่ที่ไปไม่ถึงหมุดใดเลย</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>% of places within the threshold</source>
        <translation>ร้อยละของพื้นที่ที่อยู่ในเกณฑ์</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>% of the population within the threshold</source>
        <translation>ร้อยละของประชากรที่อยู่ในเกณฑ์</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Median distance (m) or time (min)</source>
        <translation>ค่ามัธยฐานของระยะทาง (ม.) หรือเวลา (นาที)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="314"/>
        <source>Farthest distance (m) or time (min)</source>
        <translation>ระยะทาง (ม.) หรือเวลา (นาที) ที่ไกลที่สุด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="324"/>
        <source>Geometry engine and index</source>
        <translation>เครื่องมือเรขาคณิตและดัชนีที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="325"/>
        <source>Details of the run (JSON)</source>
        <translation>รายละเอียดการประมวลผล (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="334"/>
        <source>{}: the layer cannot be opened.</source>
        <translation>{}: เปิดชั้นข้อมูลไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="336"/>
        <source>{} has no coordinate reference system: set its CRS (Layer Properties &gt; Source) and run again.</source>
        <translation>{} ไม่มีระบบพิกัดอ้างอิง: กำหนด CRS (คุณสมบัติชั้นข้อมูล &gt; แหล่งข้อมูล) แล้วประมวลผลใหม่</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="358"/>
        <source>INPUT must be a point layer of service points, but it has {}. Choose the pins&apos; layer (the places go in PLACES).</source>
        <translation>INPUT ต้องเป็นชั้นจุดของจุดให้บริการ แต่ชั้นนี้เป็น {} เลือกชั้นหมุด (พื้นที่ให้ใส่ใน PLACES)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="362"/>
        <source>INPUT has no features: there is no service point to measure to.</source>
        <translation>INPUT ไม่มีข้อมูล: ไม่มีจุดให้บริการให้วัดระยะไปถึง</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="370"/>
        <source>INPUT has no field point_type, so its pins cannot be chosen by type: leave POINT_TYPE empty (every pin counts) or use a layer in the service-point schema.</source>
        <translation>INPUT ไม่มีฟิลด์ point_type จึงเลือกหมุดตามประเภทไม่ได้: ปล่อย POINT_TYPE ว่าง (นับทุกหมุด) หรือใช้ชั้นที่เป็นโครงสร้างจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="396"/>
        <source>INPUT has no pin of the type {} ({} pins of other types): choose another POINT_TYPE, or leave it empty to count every pin.</source>
        <translation>INPUT ไม่มีหมุดประเภท {} (มีหมุดประเภทอื่น {} หมุด): เลือก POINT_TYPE อื่น หรือปล่อยว่างเพื่อนับทุกหมุด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="402"/>
        <source>INPUT has no pin with a usable location (every geometry is empty or cannot be converted to WGS 84).</source>
        <translation>INPUT ไม่มีหมุดที่มีตำแหน่งใช้ได้ (ทุกรูปร่างว่าง หรือแปลงเป็น WGS 84 ไม่ได้)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="408"/>
        <source>{} service points{}</source>
        <translation>จุดให้บริการ {} จุด{}</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="419"/>
        <source>PLACES must be polygons (tambons) or points (villages, a population grid), but it has {}.</source>
        <translation>PLACES ต้องเป็นรูปปิด (ตำบล) หรือจุด (หมู่บ้าน กริดประชากร) แต่ชั้นนี้เป็น {}</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="423"/>
        <source>PLACES has no features: there is no place to measure from.</source>
        <translation>PLACES ไม่มีข้อมูล: ไม่มีพื้นที่ให้วัดระยะ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="430"/>
        <source>PLACES has no field &apos;{}&apos;.</source>
        <translation>PLACES ไม่มีฟิลด์ '{}'</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="436"/>
        <source>{} places; tambon code field: {}; name field: {}</source>
        <translation>พื้นที่ {} แห่ง; ฟิลด์รหัสตำบล: {}; ฟิลด์ชื่อ: {}</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="719"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว: ไม่ได้เขียนผลลัพธ์ใด ๆ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="483"/>
        <source>{} place polygons hold no weight point: measured from their centroid instead (place_point says which).</source>
        <translation>รูปปิดพื้นที่ {} รูปไม่มีจุดน้ำหนักอยู่ภายใน: วัดจากจุดศูนย์กลางแทน (ดูฟิลด์ place_point)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="497"/>
        <source>PLACE_POINT is the population-weighted centroid, but WEIGHTS (points such as villages or a population grid) and WEIGHT_FIELD (their population) are not both given.</source>
        <translation>PLACE_POINT เป็นจุดศูนย์กลางถ่วงน้ำหนักด้วยประชากร แต่ไม่ได้ระบุทั้ง WEIGHTS (จุด เช่น หมู่บ้าน หรือกริดประชากร) และ WEIGHT_FIELD (ประชากรของจุดนั้น)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="522"/>
        <source>MODE is the road network, but no NETWORK was given: choose a line layer of roads (e.g. OpenStreetMap roads), or measure in a straight line (MODE=0).</source>
        <translation>MODE เป็นโครงข่ายถนน แต่ไม่ได้ระบุ NETWORK: เลือกชั้นเส้นถนน (เช่น ถนนจาก OpenStreetMap) หรือวัดแบบเส้นตรง (MODE=0)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="529"/>
        <source>NETWORK must be a line layer of roads, but {} has {}.</source>
        <translation>NETWORK ต้องเป็นชั้นเส้นของถนน แต่ {} เป็น {}</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="532"/>
        <source>NETWORK ({}) is empty: a network without roads leads nowhere. Choose a layer of road lines.</source>
        <translation>NETWORK ({}) ว่างเปล่า: โครงข่ายที่ไม่มีถนนพาไปไหนไม่ได้ เลือกชั้นเส้นถนน</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="535"/>
        <source>NETWORK ({}) has no coordinate reference system: set its CRS and run again.</source>
        <translation>NETWORK ({}) ไม่มีระบบพิกัดอ้างอิง: กำหนด CRS แล้วประมวลผลใหม่</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="549"/>
        <source>Reprojecting the network from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดโครงข่ายจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="560"/>
        <source>NETWORK ({}) has no usable road: every line is empty or a single point. Choose a layer of road lines.</source>
        <translation>NETWORK ({}) ไม่มีถนนที่ใช้ได้: ทุกเส้นว่างหรือเป็นจุดเดียว เลือกชั้นเส้นถนน</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="562"/>
        <source>Network: {} features, {} segments, {} nodes ({} vertices joined by the tolerance), built in {:.1f} s</source>
        <translation>โครงข่าย: {} เส้น {} ช่วง {} จุดเชื่อม (เชื่อมจุดยอดด้วยค่าคลาดเคลื่อน {} จุด) สร้างใน {:.1f} วินาที</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="568"/>
        <source>{} one-way features</source>
        <translation>ถนนทางเดียว {} เส้น</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="675"/>
        <source>POLYGONS: the places are points; only polygon places can be written as polygons. Leave POLYGONS empty.</source>
        <translation>POLYGONS: พื้นที่เป็นจุด เขียนเป็นรูปปิดได้เฉพาะพื้นที่ที่เป็นรูปปิด ปล่อย POLYGONS ว่าง</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="680"/>
        <source>scipy is not installed: the nearest-point index and the shortest paths run in numpy and pure Python (same answers, slower; see docs/access.md).</source>
        <translation>ไม่ได้ติดตั้ง scipy: ดัชนีหาจุดใกล้ที่สุดและเส้นทางสั้นที่สุดทำงานด้วย numpy และ Python ล้วน (ผลเหมือนกัน แต่ช้ากว่า ดู docs/access.md)</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="696"/>
        <source>One shortest-path pass over {} nodes and {} edges from {} pins ({})</source>
        <translation>ค้นหาเส้นทางสั้นที่สุดรอบเดียวบน {} จุดเชื่อม {} เส้นเชื่อม จากหมุด {} หมุด ({})</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="701"/>
        <source>{} of {} road features have no usable speed (NULL, zero or negative): {} km/h used for them.</source>
        <translation>ถนน {} จาก {} เส้นไม่มีความเร็วที่ใช้ได้ (NULL ศูนย์ หรือติดลบ): ใช้ {} กม./ชม. แทน</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="707"/>
        <source>{} places are more than 1 km from the nearest road (up to {:.1f} km): their walk to the road is in place_snap_m.</source>
        <translation>พื้นที่ {} แห่งอยู่ห่างถนนที่ใกล้ที่สุดเกิน 1 กม. (ไกลสุด {:.1f} กม.): ระยะเดินทางเข้าสู่ถนนอยู่ในฟิลด์ place_snap_m</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="711"/>
        <source>Pins snapped to the roads: median {:.0f} m, largest {:.0f} m</source>
        <translation>ระยะที่ยึดหมุดเข้ากับถนน: มัธยฐาน {:.0f} ม. มากที่สุด {:.0f} ม.</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="725"/>
        <source>{} places cannot reach any service point on the network: {}{}</source>
        <translation>พื้นที่ {} แห่งไปไม่ถึงจุดให้บริการใดบนโครงข่าย: {}{}</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="730"/>
        <source>{} places have no usable location and are not measured.</source>
        <translation>พื้นที่ {} แห่งไม่มีตำแหน่งที่ใช้ได้ จึงไม่ได้วัด</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="736"/>
        <source>{} of {} places within the threshold ({} %); {} cannot reach any pin; done in {:.1f} s</source>
        <translation>พื้นที่ {} จาก {} แห่งอยู่ในเกณฑ์ (ร้อยละ {}); ไปไม่ถึงหมุดใดเลย {} แห่ง; เสร็จใน {:.1f} วินาที</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="761"/>
        <source>OUTPUT: the layer cannot be created.</source>
        <translation>OUTPUT: สร้างชั้นข้อมูลไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="780"/>
        <source>SUMMARY: the table cannot be created.</source>
        <translation>SUMMARY: สร้างตารางไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access.py" line="789"/>
        <source>POLYGONS: the layer cannot be created.</source>
        <translation>POLYGONS: สร้างชั้นข้อมูลไม่ได้</translation>
    </message>
</context>
<context>
    <name>AccountDialogBase</name>
    <message>
        <location filename="../../ui/account_dialog.ui" line="6"/>
        <source>Registry account</source>
        <translation>บัญชีทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/account_dialog.ui" line="10"/>
        <source>Your registry username and password are kept in QGIS&apos;s authentication database (protected by its master password), never in the plugin&apos;s settings. Choose a configuration, or create one with the + button (method: Basic authentication).</source>
        <translation>ชื่อผู้ใช้และรหัสผ่านทะเบียนกลางของคุณเก็บไว้ในฐานข้อมูลการยืนยันตัวตนของ QGIS (ป้องกันด้วยรหัสผ่านหลัก) ไม่เก็บในการตั้งค่าของปลั๊กอิน เลือกการตั้งค่าที่มีอยู่ หรือสร้างใหม่ด้วยปุ่ม + (วิธี: Basic authentication)</translation>
    </message>
</context>
<context>
    <name>ApplyFixesAlgorithm</name>
    <message>
        <location filename="../processing/apply_fixes.py" line="70"/>
        <source>Apply fixes</source>
        <translation>ใช้วิธีแก้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="73"/>
        <source>Applies the fixes of a findings layer (the output of &apos;Validate service points&apos;) to a copy of the pins, with the same code as the findings panel. INPUT is never changed; OUTPUT is the fixed copy. RULES (optional, rule ids separated by commas) limits the fixes to some rules. CONFIDENCE: &apos;high&apos; applies only the fixes whose evidence agrees from two sides (safe in batch); &apos;medium&apos; also those resting on one source, which a person should look at first. A pin given two fixes that disagree gets neither; a finding whose pin_id is not the pin&apos;s (the pins changed since validation) is skipped. Validate the output again.</source>
        <translation>นำวิธีแก้ในชั้นข้อมูลผลการตรวจ (ผลลัพธ์ของ 'ตรวจสอบจุดให้บริการ') ไปใช้กับสำเนาของหมุด ด้วยโค้ดเดียวกับแผงผลการตรวจ INPUT ไม่ถูกเปลี่ยน OUTPUT คือสำเนาที่แก้แล้ว RULES (ไม่บังคับ รหัสกฎคั่นด้วยจุลภาค) จำกัดให้ใช้เฉพาะวิธีแก้ของกฎเหล่านั้น CONFIDENCE: 'สูง' ใช้เฉพาะวิธีแก้ที่หลักฐานสองทางตรงกัน (ใช้ทีละมาก ๆ ได้อย่างปลอดภัย) 'ปานกลาง' ใช้วิธีแก้ที่มีหลักฐานทางเดียวด้วย ซึ่งควรให้คนตรวจก่อน หมุดที่มีวิธีแก้สองแบบขัดกันจะไม่ถูกแก้ ผลการตรวจที่รหัสหมุดไม่ตรงกับหมุด (หมุดเปลี่ยนไปหลังการตรวจ) จะถูกข้าม แล้วให้ตรวจผลลัพธ์ใหม่อีกครั้ง</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="84"/>
        <source>Service points (validated)</source>
        <translation>จุดให้บริการ (ที่ตรวจแล้ว)</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="86"/>
        <source>Findings of these service points</source>
        <translation>ผลการตรวจของจุดให้บริการเหล่านี้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="88"/>
        <source>Only the fixes of these rules (ids separated by commas)</source>
        <translation>เฉพาะวิธีแก้ของกฎเหล่านี้ (รหัสกฎคั่นด้วยจุลภาค)</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="91"/>
        <source>Fixes to apply</source>
        <translation>วิธีแก้ที่จะใช้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="91"/>
        <source>Only high confidence</source>
        <translation>เฉพาะที่มั่นใจสูง</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="91"/>
        <source>High and medium confidence</source>
        <translation>ที่มั่นใจสูงและปานกลาง</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="95"/>
        <source>Fixed service points</source>
        <translation>จุดให้บริการที่แก้แล้ว</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="97"/>
        <source>Fixes applied</source>
        <translation>วิธีแก้ที่ใช้แล้ว</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="98"/>
        <source>Fixes not applied</source>
        <translation>วิธีแก้ที่ไม่ได้ใช้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="99"/>
        <source>Fixes applied per rule (JSON)</source>
        <translation>วิธีแก้ที่ใช้แล้วรายกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="106"/>
        <source>INPUT: the service-point layer cannot be opened.</source>
        <translation>INPUT: เปิดชั้นข้อมูลจุดให้บริการไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="108"/>
        <source>FINDINGS: the findings layer cannot be opened.</source>
        <translation>FINDINGS: เปิดชั้นข้อมูลผลการตรวจไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="114"/>
        <source>RULES: {} is not a rule id. Rule ids are e.g. codes.abolished, location.not_in_tambon (see the findings&apos; rule_id).</source>
        <translation>RULES: {} ไม่ใช่รหัสกฎ รหัสกฎ เช่น codes.abolished, location.not_in_tambon (ดูช่อง rule_id ของผลการตรวจ)</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="129"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="137"/>
        <source>The pins could not be copied.</source>
        <translation>คัดลอกหมุดไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="145"/>
        <source>The fixes could not be written: {}</source>
        <translation>บันทึกวิธีแก้ไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="153"/>
        <source>{} fix(es) not applied: {}</source>
        <translation>ไม่ได้ใช้วิธีแก้ {} รายการ: {}</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="155"/>
        <source>{} finding(s) name a feature that is not in INPUT: the findings belong to another layer.</source>
        <translation>ผลการตรวจ {} รายการอ้างถึงหมุดที่ไม่มีใน INPUT: ผลการตรวจเป็นของชั้นข้อมูลอื่น</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="161"/>
        <source>OUTPUT: the fixed layer cannot be created.</source>
        <translation>OUTPUT: สร้างชั้นข้อมูลที่แก้แล้วไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/apply_fixes.py" line="164"/>
        <source>OUTPUT: writing failed.</source>
        <translation>OUTPUT: เขียนข้อมูลไม่สำเร็จ</translation>
    </message>
</context>
<context>
    <name>CitizenPinsAlgorithm</name>
    <message>
        <location filename="../processing/base.py" line="17"/>
        <source>Working copy</source>
        <translation>สำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="18"/>
        <source>Validation</source>
        <translation>การตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="19"/>
        <source>National registry</source>
        <translation>ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="20"/>
        <source>Reports</source>
        <translation>รายงาน</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="85"/>
        <source>Tambon boundaries</source>
        <translation>ขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="88"/>
        <source>Tambon code field (detected if empty)</source>
        <translation>ฟิลด์รหัสตำบล (ตรวจหาให้ถ้าเว้นว่าง)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="96"/>
        <source>Tolerance (metres)</source>
        <translation>ระยะผ่อนปรน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="99"/>
        <source>Near-duplicate distance (metres)</source>
        <translation>ระยะที่ถือว่าใกล้ซ้ำกัน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="21"/>
        <source>Analysis</source>
        <translation>การวิเคราะห์</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="22"/>
        <source>Services and Zero Copy</source>
        <translation>งานบริการและ Zero Copy</translation>
    </message>
    <message>
        <location filename="../processing/report_zero_copy.py" line="53"/>
        <source>Services (a working copy with services; empty: INPUT&apos;s)</source>
        <translation>งานบริการ (สำเนาทำงานที่มีงานบริการ เว้นว่าง: ของ INPUT)</translation>
    </message>
    <message>
        <location filename="../processing/report_zero_copy.py" line="68"/>
        <source>SERVICES: {} is not a working copy with services (tables services, service_steps, service_documents).</source>
        <translation>SERVICES: {} ไม่ใช่สำเนาทำงานที่มีงานบริการ (ตาราง services, service_steps, service_documents)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="35"/>
        <source>{}: the service-point layer cannot be opened. Give the working copy&apos;s pins layer (or its .gpkg file).</source>
        <translation>{}: เปิดชั้นข้อมูลจุดให้บริการไม่ได้ ระบุชั้นข้อมูลหมุดของสำเนาทำงาน (หรือไฟล์ .gpkg ของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="41"/>
        <source>{}: {} is not a working copy (a GeoPackage made by citizen_pins). Services are recorded in the working copy of their service points.</source>
        <translation>{}: {} ไม่ใช่สำเนาทำงาน (GeoPackage ที่สร้างโดย citizen_pins) งานบริการต้องบันทึกในสำเนาทำงานของจุดให้บริการนั้น</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="116"/>
        <source>Geometry engine: shapely {} on QGIS&apos;s GEOS {} (the faster one).</source>
        <translation>เครื่องมือเรขาคณิต: shapely {} บน GEOS {} ของ QGIS (ตัวที่เร็วกว่า)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="121"/>
        <source>chosen by CITIZEN_PINS_ENGINE</source>
        <translation>เลือกไว้ด้วย CITIZEN_PINS_ENGINE</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="122"/>
        <source>shapely is not installed</source>
        <translation>ไม่ได้ติดตั้ง shapely</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="123"/>
        <source>shapely {} is older than 2</source>
        <translation>shapely {} เก่ากว่ารุ่น 2</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="125"/>
        <source>shapely&apos;s GEOS / QGIS&apos;s GEOS: {}; a shapely on another GEOS crashes QGIS</source>
        <translation>GEOS ของ shapely / GEOS ของ QGIS: {} และ shapely ที่ใช้ GEOS ต่างรุ่นทำให้ QGIS ล่ม</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="129"/>
        <source>Geometry engine: QGIS&apos;s own ({}). It gives the same findings; shapely 2 built on QGIS&apos;s GEOS {} is faster. Windows (OSGeo4W or the QGIS installer): install the python3-shapely package with the OSGeo4W setup. Debian / Ubuntu (Debian 12 has no shapely 2 package): build it on the system GEOS, python3 -m pip install --no-binary shapely --target DIR &quot;shapely&gt;=2.0.6,&lt;2.2&quot; (needs libgeos-dev), and start QGIS with PYTHONPATH=DIR. conda: conda install shapely in QGIS&apos;s environment. See docs/validation.md, Engines.</source>
        <translation>เครื่องมือเรขาคณิต: ของ QGIS เอง ({}) ได้ผลการตรวจเหมือนกัน แต่ shapely 2 ที่สร้างบน GEOS {} ของ QGIS เร็วกว่า Windows (OSGeo4W หรือตัวติดตั้ง QGIS): ติดตั้งแพ็กเกจ python3-shapely ด้วยโปรแกรมติดตั้ง OSGeo4W  Debian / Ubuntu (Debian 12 ไม่มีแพ็กเกจ shapely 2): สร้างบน GEOS ของระบบด้วย python3 -m pip install --no-binary shapely --target DIR &quot;shapely&gt;=2.0.6,&lt;2.2&quot; (ต้องมี libgeos-dev) แล้วเปิด QGIS ด้วย PYTHONPATH=DIR  conda: conda install shapely ในสภาพแวดล้อมของ QGIS  ดู docs/validation.md หัวข้อ Engines</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="112"/>
        <source>{}: &apos;{}&apos; is not a month; write it as YYYY-MM (e.g. 2025-03).</source>
        <translation>{}: '{}' ไม่ใช่เดือน กรุณาเขียนในรูป ปปปป-ดด (ค.ศ.) เช่น 2025-03</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="133"/>
        <source>PERIOD_FROM is after PERIOD_TO.</source>
        <translation>PERIOD_FROM (เดือนแรก) อยู่หลัง PERIOD_TO (เดือนสุดท้าย)</translation>
    </message>
</context>
<context>
    <name>CitizenPinsDock</name>
    <message>
        <location filename="../gui/dock.py" line="258"/>
        <source>Citizen Pins {} · DOPA code list {}</source>
        <translation>Citizen Pins {} · รายการรหัสกรมการปกครอง {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="280"/>
        <source>No working copy yet. Create a new one, or open an existing GeoPackage.</source>
        <translation>ยังไม่มีสำเนาทำงาน สร้างใหม่ หรือเปิดไฟล์ GeoPackage ที่มีอยู่</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="286"/>
        <source>The working copy cannot be opened: {}</source>
        <translation>เปิดสำเนาทำงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="305"/>
        <source>No boundary layer chosen. Validation needs a tambon polygon layer.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต การตรวจสอบต้องใช้ชั้นข้อมูลรูปปิดระดับตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="311"/>
        <source>In use: {name} ({count} polygons){age}</source>
        <translation>ใช้อยู่: {name} ({count} รูปปิด){age}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="389"/>
        <source>Open a working copy</source>
        <translation>เปิดสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="389"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="424"/>
        <source>Add a tambon boundary layer</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="424"/>
        <source>Vector files (*.gpkg *.shp *.zip *.geojson);;All files (*)</source>
        <translation>ไฟล์เวกเตอร์ (*.gpkg *.shp *.zip *.geojson);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="438"/>
        <source>{} could not be read as a vector layer.</source>
        <translation>อ่าน {} เป็นชั้นข้อมูลเวกเตอร์ไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="309"/>
        <source>chosen today</source>
        <translation>เลือกวันนี้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="309"/>
        <source>chosen {} day(s) ago</source>
        <translation>เลือกเมื่อ {} วันก่อน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="117"/>
        <source>Add or move pins</source>
        <translation>เพิ่มหรือย้ายหมุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="119"/>
        <source>Click on the map to add a pin (codes from the boundary under the click); drag a pin to move it</source>
        <translation>คลิกบนแผนที่เพื่อเพิ่มหมุด (รหัสมาจากขอบเขตตรงจุดที่คลิก) ลากหมุดเพื่อย้าย</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="511"/>
        <source>No account chosen (reading needs none).</source>
        <translation>ยังไม่ได้เลือกบัญชี (การอ่านไม่ต้องใช้บัญชี)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="569"/>
        <source>Connecting…</source>
        <translation>กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="585"/>
        <source>Citizen Pins: test connection</source>
        <translation>Citizen Pins: ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="695"/>
        <source>Save or discard your edits of the working copy before pulling.</source>
        <translation>บันทึกหรือยกเลิกการแก้ไขสำเนาทำงานก่อนดึงข้อมูล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="724"/>
        <source>The pull failed: {}</source>
        <translation>ดึงข้อมูลไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="728"/>
        <source>Citizen Pins: pull province {}</source>
        <translation>Citizen Pins: ดึงข้อมูลจังหวัด {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="762"/>
        <source>Save edits?</source>
        <translation>บันทึกการแก้ไข?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="768"/>
        <source>The edits could not be saved: {}</source>
        <translation>บันทึกการแก้ไขไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="794"/>
        <source>Validating…</source>
        <translation>กำลังตรวจสอบ…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="802"/>
        <source>Validation failed: {}</source>
        <translation>ตรวจสอบไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="345"/>
        <source>{pins} pin(s) checked: {errors} error(s) block publishing, {warnings} warning(s).</source>
        <translation>ตรวจหมุดแล้ว {pins} จุด: ข้อผิดพลาด {errors} รายการที่ทำให้เผยแพร่ไม่ได้ คำเตือน {warnings} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="809"/>
        <source>Citizen Pins: validate</source>
        <translation>Citizen Pins: ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="833"/>
        <source>Error</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="833"/>
        <source>Warning</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="762"/>
        <source>The working copy has unsaved edits. Save them first?</source>
        <translation>สำเนาทำงานมีการแก้ไขที่ยังไม่บันทึก บันทึกก่อนหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="650"/>
        <source>Downloading the registry's boundaries…</source>
        <translation>กำลังดาวน์โหลดขอบเขตจากทะเบียนกลาง…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="657"/>
        <source>The boundaries could not be downloaded: {}</source>
        <translation>ดาวน์โหลดขอบเขตไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="661"/>
        <source>{} tambons from the registry, kept in {}</source>
        <translation>ขอบเขตตำบล {} ตำบลจากทะเบียนกลาง เก็บไว้ที่ {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="666"/>
        <source>Citizen Pins: registry boundaries</source>
        <translation>Citizen Pins: ขอบเขตจากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="291"/>
        <source>{file} · province {province}</source>
        <translation>{file} · จังหวัด{province}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="293"/>
        <source>{} pin(s)</source>
        <translation>หมุด {} จุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="295"/>
        <source>edits not saved yet</source>
        <translation>ยังไม่ได้บันทึกการแก้ไข</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="342"/>
        <source>Not validated yet.</source>
        <translation>ยังไม่ได้ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="348"/>
        <source>The pins changed since the last validation ({errors} error(s), {warnings} warning(s) then): validate again.</source>
        <translation>ข้อมูลหมุดเปลี่ยนไปหลังการตรวจสอบครั้งล่าสุด (ตอนนั้นพบข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ): กรุณาตรวจสอบอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="370"/>
        <source>The folder {} cannot be made: {}</source>
        <translation>สร้างโฟลเดอร์ {} ไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="376"/>
        <source>Working copy of {} made: {}</source>
        <translation>สร้างสำเนาทำงานของจังหวัด{}แล้ว: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="380"/>
        <source>The working copy could not be made: {}</source>
        <translation>สร้างสำเนาทำงานไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="383"/>
        <source>Citizen Pins: new working copy</source>
        <translation>Citizen Pins: สร้างสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="402"/>
        <source>Save or discard the edits of {} first.</source>
        <translation>กรุณาบันทึกหรือยกเลิกการแก้ไขของ {} ก่อน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="501"/>
        <source>editor</source>
        <translation>ผู้แก้ไขข้อมูล</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="501"/>
        <source>coordinator</source>
        <translation>ผู้ประสานงาน</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="505"/>
        <source>Account: {name} ({role})</source>
        <translation>บัญชี: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="508"/>
        <source>Account: {} (not checked yet)</source>
        <translation>บัญชี: {} (ยังไม่ได้ตรวจสอบ)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="508"/>
        <source>chosen</source>
        <translation>เลือกไว้แล้ว</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="535"/>
        <source>Signed in as {name} ({role}); read-only, may not edit pins.</source>
        <translation>ลงชื่อเข้าใช้เป็น {name} ({role}) อ่านได้อย่างเดียว แก้ไขหมุดไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="537"/>
        <source>Signed in as {name} ({role}); may edit pins of {provinces}.</source>
        <translation>ลงชื่อเข้าใช้เป็น {name} ({role}) แก้ไขหมุดได้ในจังหวัด {provinces}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="549"/>
        <source>This registry needs Citizen Pins {minimum} or newer (this is {mine}): update it in Plugins ▸ Manage and Install Plugins before you publish.</source>
        <translation>ทะเบียนกลางนี้ต้องใช้ปลั๊กอิน Citizen Pins รุ่น {minimum} ขึ้นไป (ที่ใช้อยู่เป็นรุ่น {mine}) กรุณาปรับรุ่นปลั๊กอินที่ Plugins ▸ Manage and Install Plugins ก่อนเผยแพร่</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="553"/>
        <source>Citizen Pins {latest} is available (this is {mine}): Plugins ▸ Manage and Install Plugins ▸ Upgradeable.</source>
        <translation>มีปลั๊กอิน Citizen Pins รุ่น {latest} ให้ปรับรุ่นแล้ว (ที่ใช้อยู่เป็นรุ่น {mine}) ที่ Plugins ▸ Manage and Install Plugins ▸ Upgradeable</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="596"/>
        <source>Choose a province…</source>
        <translation>เลือกจังหวัด…</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="612"/>
        <source>Registry boundaries</source>
        <translation>ขอบเขตจากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="612"/>
        <source>The registry&apos;s boundaries are kept on this computer (downloaded {}). Use them, or download them again?</source>
        <translation>มีขอบเขตของทะเบียนกลางเก็บไว้ในเครื่องนี้แล้ว (ดาวน์โหลดเมื่อ {}) จะใช้ชุดนี้ หรือดาวน์โหลดใหม่?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="616"/>
        <source>Use the copy on this computer</source>
        <translation>ใช้ชุดที่อยู่ในเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="618"/>
        <source>Download again</source>
        <translation>ดาวน์โหลดใหม่</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="699"/>
        <source>Pull another province?</source>
        <translation>ดึงข้อมูลจังหวัดอื่น?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="699"/>
        <source>The working copy in use holds {current}. Pull {province} into another working copy ({file}) and use that one?</source>
        <translation>สำเนาทำงานที่ใช้อยู่เป็นของจังหวัด{current} จะดึงข้อมูลจังหวัด{province}ลงในสำเนาทำงานอีกชุด ({file}) แล้วใช้ชุดนั้นแทนหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="736"/>
        <source>Pulled {count} pin(s) of {province} into {file}.</source>
        <translation>ดึงหมุด {count} จุดของจังหวัด{province}ลงใน {file} แล้ว</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="746"/>
        <source>{n} pin(s) you had added were already in the registry and were merged into its pins, not added twice: {names}</source>
        <translation>หมุดที่คุณเพิ่มไว้ {n} จุดมีอยู่ในทะเบียนกลางแล้ว จึงรวมเข้ากับหมุดของทะเบียนกลาง ไม่เพิ่มซ้ำ: {names}</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="747"/>
        <source> and {} more</source>
        <translation> และอีก {} จุด</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="751"/>
        <source>{} pin(s) have fields that differ: resolve them in Publish… (Resolve conflicts).</source>
        <translation>มีหมุด {} จุดที่ข้อมูลบางช่องไม่ตรงกัน: แก้ได้ที่ เผยแพร่… (แก้ข้อขัดแย้ง)</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="661"/>
        <source>{} tambons from the registry, kept on this computer</source>
        <translation>ขอบเขตตำบล {} ตำบลจากทะเบียนกลาง เก็บไว้ในเครื่องนี้แล้ว</translation>
    </message>
    <message>
        <location filename="../gui/dock.py" line="742"/>
        <source>{} pin(s) you had added were already in the registry: merged into its pins, not added twice.</source>
        <translation>หมุดที่คุณเพิ่มไว้ {} จุดมีอยู่ในทะเบียนกลางแล้ว: รวมเข้ากับหมุดของทะเบียนกลาง ไม่เพิ่มซ้ำ</translation>
    </message>
</context>
<context>
    <name>CitizenPinsDockBase</name>
    <message>
        <location filename="../../ui/dock.ui" line="9"/>
        <source>Citizen Pins</source>
        <translation>Citizen Pins ปักหมุดจุดบริการ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="26"/>
        <source>Working copy</source>
        <translation>สำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="30"/>
        <source>No working copy yet.</source>
        <translation>ยังไม่มีสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="39"/>
        <source>New…</source>
        <translation>สร้างใหม่…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="40"/>
        <source>Create an empty service-point layer (GeoPackage) to edit</source>
        <translation>สร้างชั้นข้อมูลจุดให้บริการเปล่า (GeoPackage) เพื่อแก้ไข</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="45"/>
        <source>Open…</source>
        <translation>เปิด…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="46"/>
        <source>Open an existing working copy and add it to the map</source>
        <translation>เปิดสำเนาทำงานที่มีอยู่และเพิ่มลงในแผนที่</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="62"/>
        <source>Boundary layer (tambon)</source>
        <translation>ชั้นข้อมูลขอบเขต (ตำบล)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="66"/>
        <source>The tambon polygons that pins are checked against</source>
        <translation>รูปปิดตำบลที่ใช้ตรวจสอบตำแหน่งหมุด</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="71"/>
        <source>No boundary layer chosen.</source>
        <translation>ยังไม่ได้เลือกชั้นข้อมูลขอบเขต</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="77"/>
        <source>Add boundary file…</source>
        <translation>เพิ่มไฟล์ขอบเขต…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="78"/>
        <source>Add a tambon boundary layer from a file (GeoPackage, Shapefile, zip)</source>
        <translation>เพิ่มชั้นข้อมูลขอบเขตตำบลจากไฟล์ (GeoPackage, Shapefile, zip)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="207"/>
        <source>citizen_pins</source>
        <translation>citizen_pins</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="92"/>
        <source>National registry</source>
        <translation>ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="96"/>
        <source>Registry address, e.g. https://registry.example.go.th</source>
        <translation>ที่อยู่ทะเบียนกลาง เช่น https://registry.example.go.th</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="101"/>
        <source>No account chosen.</source>
        <translation>ยังไม่ได้เลือกบัญชี</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="109"/>
        <source>Account…</source>
        <translation>บัญชี…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="110"/>
        <source>Choose or create the QGIS authentication configuration holding your registry username and password</source>
        <translation>เลือกหรือสร้างการตั้งค่าการยืนยันตัวตนของ QGIS ที่เก็บชื่อผู้ใช้และรหัสผ่านทะเบียนกลางของคุณ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="115"/>
        <source>Test connection</source>
        <translation>ทดสอบการเชื่อมต่อ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="130"/>
        <source>The province to pull (your account&apos;s provinces first)</source>
        <translation>จังหวัดที่จะดึงข้อมูล (จังหวัดของบัญชีคุณอยู่ก่อน)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="135"/>
        <source>Pull</source>
        <translation>ดึงข้อมูล</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="136"/>
        <source>Download the province&apos;s pins into its working copy</source>
        <translation>ดาวน์โหลดหมุดของจังหวัดลงในสำเนาทำงานของจังหวัดนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="146"/>
        <source>Edit and check</source>
        <translation>แก้ไขและตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="150"/>
        <source>Pin tool</source>
        <translation>เครื่องมือปักหมุด</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="159"/>
        <source>Validate</source>
        <translation>ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="160"/>
        <source>Check the pins against the boundary layer and DOPA&apos;s code list</source>
        <translation>ตรวจหมุดกับชั้นข้อมูลขอบเขตและรายการรหัสของกรมการปกครอง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="192"/>
        <source>Not validated yet.</source>
        <translation>ยังไม่ได้ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="165"/>
        <source>Publish…</source>
        <translation>เผยแพร่…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="166"/>
        <source>Send your changes since the last pull to the national registry (checked first)</source>
        <translation>ส่งการเปลี่ยนแปลงตั้งแต่การดึงข้อมูลครั้งล่าสุดไปยังทะเบียนกลาง (ตรวจสอบก่อนส่ง)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="175"/>
        <source>Tolerance</source>
        <translation>ระยะผ่อนปรน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="180"/>
        <source>How far outside its declared tambon a pin may lie and only be warned about. Use 100 m with full-resolution boundaries and about 600 m with simplified ones (such as the national simplified layer).</source>
        <translation>ระยะที่หมุดอยู่นอกตำบลที่ระบุได้โดยได้รับเพียงคำเตือน ใช้ 100 เมตรกับขอบเขตความละเอียดเต็ม และประมาณ 600 เมตรกับขอบเขตแบบย่อ (เช่น ชั้นข้อมูลแบบย่อทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="181"/>
        <source> m</source>
        <translation> ม.</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="185"/>
        <source>default (100 m)</source>
        <translation>ค่าเริ่มต้น (100 ม.)</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="83"/>
        <source>From the registry</source>
        <translation>จากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="54"/>
        <source>Import a list (CSV, XLSX, KML, ...) into the working copy for review</source>
        <translation>นำเข้ารายการ (CSV, XLSX, KML, ...) ลงในสำเนาทำงานเพื่อตรวจทาน</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="53"/>
        <source>Import a list…</source>
        <translation>นำเข้ารายการ…</translation>
    </message>
    <message>
        <location filename="../../ui/dock.ui" line="84"/>
        <source>The registry&apos;s tambon boundaries, kept on this computer after the first download (works offline afterwards)</source>
        <translation>ขอบเขตตำบลของทะเบียนกลาง เก็บไว้ในเครื่องนี้หลังดาวน์โหลดครั้งแรก (ใช้งานได้แม้ไม่มีเครือข่าย)</translation>
    </message>
</context>
<context>
    <name>CitizenPinsPlugin</name>
    <message>
        <location filename="../plugin.py" line="60"/>
        <source>Citizen Pins panel</source>
        <translation>แผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="61"/>
        <source>Show or hide the Citizen Pins panel</source>
        <translation>แสดงหรือซ่อนแผง Citizen Pins</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="64"/>
        <source>New working copy…</source>
        <translation>สร้างสำเนาทำงานใหม่…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="75"/>
        <source>Citizen Pins loaded</source>
        <translation>โหลด Citizen Pins แล้ว</translation>
    </message>
</context>
<context>
    <name>CitizenPinsServices</name>
    <message>
        <location filename="../gui/services_layers.py" line="42"/>
        <source>The working copy&apos;s services cannot be opened: {}</source>
        <translation>เปิดงานบริการของสำเนาทำงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="47"/>
        <source>Working copy upgraded in place to schema {} (services, steps and documents added; nothing else changed): {}</source>
        <translation>ปรับรุ่นสำเนาทำงานเป็นโครงสร้างรุ่น {} แล้ว (เพิ่มตารางงานบริการ ขั้นตอน และเอกสาร ข้อมูลเดิมไม่เปลี่ยนแปลง): {}</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="85"/>
        <source>Zero Copy map</source>
        <translation>แผนที่ Zero Copy</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="89"/>
        <source>Colour the service points by Zero Copy status (copies of documents still demanded); off: by point type</source>
        <translation>แสดงสีจุดให้บริการตามสถานะ Zero Copy (การยังเรียกสำเนาเอกสาร) ปิด: แสดงตามประเภทจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../gui/services_layers.py" line="97"/>
        <source>Open a working copy first: the Zero Copy map colours its service points.</source>
        <translation>เปิดสำเนาทำงานก่อน: แผนที่ Zero Copy แสดงสีจุดให้บริการของสำเนาทำงาน</translation>
    </message>
</context>
<context>
    <name>CompletenessAlgorithm</name>
    <message>
        <location filename="../processing/completeness.py" line="118"/>
        <source>Campaign completeness</source>
        <translation>ความครบถ้วนของการปักหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="121"/>
        <source>Which expected service points have no pin yet. Expected: either one pin of a point type in every tambon (e.g. every tambon&apos;s local government office), or a list of organisations (a table with an id, a name, the DOPA code of the unit each serves and its point type). A pin counts by its declared code, confirmed by its location: &apos;complete&apos; when it also lies in that unit (or within the tolerance), &apos;disputed&apos; when it lies elsewhere, &apos;unchecked&apos; when the boundary layer lacks the unit. Writes the list of expected items with their status, a table per amphoe and province, and tambon, amphoe and province polygons with counts and % complete, ready for a choropleth.</source>
        <translation>จุดให้บริการที่ควรมีแต่ยังไม่มีหมุด สิ่งที่ควรมี: หมุดประเภทหนึ่งในทุกตำบล (เช่น สำนักงานองค์กรปกครองส่วนท้องถิ่นของทุกตำบล) หรือรายชื่อหน่วยงาน (ตารางที่มีรหัส ชื่อ รหัสกรมการปกครองของพื้นที่ที่ให้บริการ และประเภทจุด) หมุดนับตามรหัสที่ระบุและยืนยันด้วยตำแหน่ง: 'ครบ' เมื่ออยู่ในพื้นที่นั้นด้วย (หรือภายในระยะผ่อนปรน) 'โต้แย้ง' เมื่ออยู่ที่อื่น 'ตรวจไม่ได้' เมื่อชั้นข้อมูลขอบเขตไม่มีพื้นที่นั้น ผลลัพธ์คือรายการที่ควรมีพร้อมสถานะ ตารางรายอำเภอและจังหวัด และรูปปิดตำบล อำเภอ จังหวัด พร้อมจำนวนและร้อยละความครบถ้วน พร้อมทำแผนที่แบ่งระดับสี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="132"/>
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="136"/>
        <source>Expected items and their status</source>
        <translation>รายการที่ต้องมีและสถานะ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="138"/>
        <source>Completeness per amphoe and province</source>
        <translation>ความครบถ้วนรายอำเภอและจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="140"/>
        <source>Tambons with completeness</source>
        <translation>ตำบลพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="142"/>
        <source>Amphoes with completeness</source>
        <translation>อำเภอพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="144"/>
        <source>Provinces with completeness</source>
        <translation>จังหวัดพร้อมความครบถ้วน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="146"/>
        <source>Expected items</source>
        <translation>รายการที่ต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="146"/>
        <source>Complete</source>
        <translation>ครบ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="146"/>
        <source>Without any pin</source>
        <translation>ยังไม่มีหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="146"/>
        <source>% complete</source>
        <translation>% ครบ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="151"/>
        <source>Totals per status (JSON)</source>
        <translation>ยอดรวมตามสถานะ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="272"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="265"/>
        <source>Merging tambons into amphoes</source>
        <translation>กำลังรวมตำบลเป็นอำเภอ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="269"/>
        <source>Merging tambons into provinces</source>
        <translation>กำลังรวมตำบลเป็นจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="280"/>
        <source>ITEMS: the table cannot be created.</source>
        <translation>ITEMS: สร้างตารางไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="288"/>
        <source>SUMMARY: the table cannot be created.</source>
        <translation>SUMMARY: สร้างตารางไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="300"/>
        <source>{}: the layer cannot be created.</source>
        <translation>{}: สร้างชั้นข้อมูลไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="304"/>
        <source>{} expected, {} complete ({} %), {} disputed, {} unchecked, {} without any pin</source>
        <translation>ต้องมี {} ครบ {} ({} %) โต้แย้ง {} ตรวจไม่ได้ {} ยังไม่มีหมุด {}</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="43"/>
        <source>Pin</source>
        <translation>หมุด</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="43"/>
        <source>Field</source>
        <translation>ฟิลด์</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="43"/>
        <source>Base (last pull)</source>
        <translation>ต้นฉบับ (ดึงครั้งล่าสุด)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="43"/>
        <source>Theirs (registry)</source>
        <translation>ของทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="43"/>
        <source>Mine (working copy)</source>
        <translation>ของฉัน (สำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="147"/>
        <source>Keep</source>
        <translation>เก็บค่า</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="70"/>
        <source>the pin itself (deleted on one side)</source>
        <translation>ตัวหมุดเอง (ถูกลบด้านใดด้านหนึ่ง)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="140"/>
        <source>Decide later</source>
        <translation>ตัดสินใจภายหลัง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="141"/>
        <source>Mine</source>
        <translation>ของฉัน</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="142"/>
        <source>Theirs</source>
        <translation>ของทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="151"/>
        <source>No conflict to resolve.</source>
        <translation>ไม่มีข้อขัดแย้งที่ต้องแก้</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="151"/>
        <source>{} field(s) in conflict on {} pin(s).</source>
        <translation>ฟิลด์ที่ขัดแย้ง {} ฟิลด์ ใน {} หมุด</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="121"/>
        <source>kept</source>
        <translation>คงไว้</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="121"/>
        <source>deleted</source>
        <translation>ลบแล้ว</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="76"/>
        <source>the service itself (deleted on one side)</source>
        <translation>ตัวงานบริการเอง (ถูกลบด้านหนึ่ง)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="82"/>
        <source>Step &apos;{}&apos;</source>
        <translation>ขั้นตอน '{}'</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="84"/>
        <source>Document &apos;{}&apos;</source>
        <translation>เอกสาร '{}'</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="86"/>
        <source>(deleted on one side)</source>
        <translation>(ถูกลบด้านหนึ่ง)</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="100"/>
        <source>Service: {}</source>
        <translation>งานบริการ: {}</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="102"/>
        <source>at {}</source>
        <translation>ที่ {}</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="114"/>
        <source>yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <location filename="../gui/conflicts_dialog.py" line="114"/>
        <source>no</source>
        <translation>ไม่ใช่</translation>
    </message>
</context>
<context>
    <name>ConflictsDialogBase</name>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="6"/>
        <source>Resolve conflicts</source>
        <translation>แก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="10"/>
        <source>Someone changed these fields in the registry while you changed them here. For each field choose which value to keep; the pin is published once all its fields are resolved.</source>
        <translation>มีผู้อื่นแก้ไขฟิลด์เหล่านี้ในทะเบียนกลางขณะที่คุณแก้ไขที่นี่ เลือกค่าที่จะเก็บของแต่ละฟิลด์ หมุดจะถูกเผยแพร่เมื่อแก้ครบทุกฟิลด์แล้ว</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="37"/>
        <source>Apply choices</source>
        <translation>ใช้ตามที่เลือก</translation>
    </message>
    <message>
        <location filename="../../ui/conflicts_dialog.ui" line="40"/>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>CreateWorkingCopyAlgorithm</name>
    <message>
        <location filename="../processing/create_working_copy.py" line="34"/>
        <source>Create working copy</source>
        <translation>สร้างสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="45"/>
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="45"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="47"/>
        <source>Province (DOPA code)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="49"/>
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="51"/>
        <source>Pins</source>
        <translation>จำนวนหมุด</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="65"/>
        <source>Working copy created: {}</source>
        <translation>สร้างสำเนาทำงานแล้ว: {}</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="37"/>
        <source>Creates an empty service-point layer (GeoPackage, EPSG:4326) in the citizen_pins schema, with its attribute form, ready to edit in QGIS. An existing file is never overwritten. PROVINCE (optional) is the DOPA code of the province the working copy is for, e.g. 21 for Rayong. A working copy is never a temporary file: it holds your edits until they are published.</source>
        <translation>สร้างชั้นข้อมูลจุดให้บริการเปล่า (GeoPackage, EPSG:4326) ตามโครงสร้างของ citizen_pins พร้อมแบบฟอร์มกรอกข้อมูล พร้อมแก้ไขใน QGIS จะไม่เขียนทับไฟล์ที่มีอยู่แล้ว PROVINCE (ไม่บังคับ) คือรหัสจังหวัดของกรมการปกครองที่สำเนาทำงานนี้ใช้ เช่น 21 คือระยอง สำเนาทำงานต้องไม่เป็นไฟล์ชั่วคราว เพราะเก็บการแก้ไขของคุณไว้จนกว่าจะเผยแพร่</translation>
    </message>
    <message>
        <location filename="../processing/create_working_copy.py" line="58"/>
        <source>A working copy holds edits until they are published: it cannot be a temporary file (deleted when QGIS closes). Choose a file in a folder that is kept.</source>
        <translation>สำเนาทำงานเก็บการแก้ไขไว้จนกว่าจะเผยแพร่ จึงเป็นไฟล์ชั่วคราว (ซึ่งถูกลบเมื่อปิด QGIS) ไม่ได้ กรุณาเลือกไฟล์ในโฟลเดอร์ที่เก็บไว้ถาวร</translation>
    </message>
</context>
<context>
    <name>FeedbackSummaryAlgorithm</name>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="252"/>
        <source>Citizen feedback summary</source>
        <translation>สรุปความคิดเห็นของประชาชน</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="255"/>
        <source>What citizens said about the service points of a province (PROVINCE; empty: the country) over whole months (PERIOD_FROM..PERIOD_TO, YYYY-MM; empty: the last 12 months), from the registry&apos;s aggregates: responses, share satisfied (4-5 on the satisfaction item), mean of every item, share asked for a copy or for extra payment, complaints per category, change against the previous period of the same length, and a rank among the points with at least MIN_RESPONSES responses (fewer: &apos;not enough responses&apos;, never ranked, hatched on the map). The same per amphoe and province as polygons (BOUNDARIES). Zero Copy in practice: points whose declared status (INPUT&apos;s working copy services) contradicts what citizens report. With an account of the province (AUTHCFG), the most frequent terms of the comments (Thai word segmentation by PyThaiNLP when installed). CSV_FOLDER: the same as CSV files and the trend by month.</source>
        <translation>ความคิดเห็นของประชาชนต่อจุดให้บริการของจังหวัด (PROVINCE; เว้นว่าง: ทั้งประเทศ) ในช่วงเดือนเต็ม (PERIOD_FROM..PERIOD_TO ในรูป ปปปป-ดด; เว้นว่าง: 12 เดือนล่าสุด) จากผลรวมที่ทะเบียนกลางคำนวณไว้: จำนวนผู้ตอบ ร้อยละผู้พอใจ (ตอบ 4-5 ในข้อความพึงพอใจโดยรวม) ค่าเฉลี่ยของทุกข้อ ร้อยละผู้ถูกขอสำเนาหรือถูกเรียกเงินเกินค่าธรรมเนียม เรื่องร้องเรียนตามประเภท การเปลี่ยนแปลงเทียบกับช่วงก่อนหน้าที่ยาวเท่ากัน และอันดับของจุดที่มีผู้ตอบอย่างน้อย MIN_RESPONSES คน (น้อยกว่านั้น: 'ผู้ตอบไม่พอ' ไม่จัดอันดับ และแรเงาบนแผนที่) รวมถึงผลรายอำเภอและจังหวัดเป็นรูปปิด (BOUNDARIES) Zero Copy ในทางปฏิบัติ: จุดที่สถานะที่ระบุ (งานบริการในสำเนาทำงาน INPUT) ขัดกับคำตอบของประชาชน เมื่อระบุบัญชีของจังหวัด (AUTHCFG) จะนับคำที่พบบ่อยในความคิดเห็น (ตัดคำภาษาไทยด้วย PyThaiNLP หากติดตั้งไว้) CSV_FOLDER: ผลลัพธ์เดียวกันเป็นไฟล์ CSV และแนวโน้มรายเดือน</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="271"/>
        <source>Service points (working copy)</source>
        <translation>จุดให้บริการ (สำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="274"/>
        <source>Registry URL</source>
        <translation>URL ของทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="276"/>
        <source>Authentication configuration (for the comments&apos; terms)</source>
        <translation>การตั้งค่าการยืนยันตัวตน (สำหรับคำที่พบบ่อยในความคิดเห็น)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="279"/>
        <source>Province (DOPA code or name; empty: the whole country)</source>
        <translation>จังหวัด (รหัสกรมการปกครองหรือชื่อ; เว้นว่าง: ทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="282"/>
        <source>First month (YYYY-MM; empty: 12 months ago)</source>
        <translation>เดือนแรก (ปปปป-ดด ค.ศ.; เว้นว่าง: 12 เดือนก่อน)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="285"/>
        <source>Last month (YYYY-MM; empty: last month)</source>
        <translation>เดือนสุดท้าย (ปปปป-ดด ค.ศ.; เว้นว่าง: เดือนที่แล้ว)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="287"/>
        <source>Fewest responses to be ranked</source>
        <translation>จำนวนผู้ตอบขั้นต่ำที่จะจัดอันดับ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="293"/>
        <source>Feedback per service point</source>
        <translation>ความคิดเห็นรายจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="295"/>
        <source>Feedback per amphoe</source>
        <translation>ความคิดเห็นรายอำเภอ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="297"/>
        <source>Feedback per province</source>
        <translation>ความคิดเห็นรายจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="299"/>
        <source>Zero Copy in practice: contradictions</source>
        <translation>Zero Copy ในทางปฏิบัติ: จุดที่ขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="302"/>
        <source>Most frequent terms of the comments</source>
        <translation>คำที่พบบ่อยในความคิดเห็น</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="305"/>
        <source>CSV folder</source>
        <translation>โฟลเดอร์ CSV</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="307"/>
        <source>Responses</source>
        <translation>จำนวนผู้ตอบ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="308"/>
        <source>% satisfied</source>
        <translation>% พอใจ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="309"/>
        <source>Thai word segmentation used</source>
        <translation>วิธีตัดคำภาษาไทยที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="316"/>
        <source>PROVINCE: give one province (a DOPA code such as 21), or leave it empty for the whole country.</source>
        <translation>PROVINCE: ระบุจังหวัดเดียว (รหัสกรมการปกครอง เช่น 21) หรือเว้นว่างสำหรับทั้งประเทศ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="346"/>
        <source>No services known for these pins: Zero Copy in practice is not compared (give a working copy with services).</source>
        <translation>ไม่มีข้อมูลงานบริการของหมุดเหล่านี้ จึงไม่ได้เปรียบเทียบ Zero Copy ในทางปฏิบัติ (ใช้สำเนาทำงานที่มีงานบริการ)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="356"/>
        <source>No account given (AUTHCFG): the comments&apos; terms are not read (comments are readable only by accounts of the province).</source>
        <translation>ไม่ได้ระบุบัญชี (AUTHCFG) จึงไม่ได้อ่านคำที่พบบ่อยในความคิดเห็น (ความคิดเห็นอ่านได้เฉพาะบัญชีของจังหวัดนั้น)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/feedback_summary.py" line="364"/>
        <source>{} of these responses are SYNTHETIC (generated for tests and demonstrations), not citizens&apos;.</source>
        <translation>คำตอบ {} รายการเป็นข้อมูลสังเคราะห์ (SYNTHETIC สร้างขึ้นเพื่อทดสอบและสาธิต) ไม่ใช่ความคิดเห็นจริงของประชาชน</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../gui/findings_panel.py" line="43"/>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="44"/>
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="45"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="48"/>
        <source>Severity</source>
        <translation>ความรุนแรง</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="48"/>
        <source>Rule</source>
        <translation>กฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="48"/>
        <source>Message</source>
        <translation>ข้อความ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="99"/>
        <source>All rules</source>
        <translation>ทุกกฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="141"/>
        <source>Error</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="141"/>
        <source>Warning</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="155"/>
        <source>No findings: every pin passed every rule.</source>
        <translation>ไม่พบปัญหา: หมุดทุกจุดผ่านทุกกฎ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="157"/>
        <source>{errors} error(s) block publishing · {warnings} warning(s) to look at · {shown} shown</source>
        <translation>ข้อผิดพลาด {errors} รายการทำให้เผยแพร่ไม่ได้ · คำเตือน {warnings} รายการควรตรวจดู · แสดง {shown} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="198"/>
        <source>Fix: {}</source>
        <translation>แก้ไข: {}</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="206"/>
        <source>The fix could not be applied: {}</source>
        <translation>แก้ไขไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="212"/>
        <source>Fix applied (undo with Ctrl+Z). Validate again to refresh the findings.</source>
        <translation>แก้ไขแล้ว (ย้อนกลับด้วย Ctrl+Z) ตรวจสอบอีกครั้งเพื่อปรับปรุงผลการตรวจ</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="48"/>
        <source>Pin</source>
        <translation>หมุด</translation>
    </message>
    <message>
        <location filename="../gui/findings_panel.py" line="161"/>
        <source>Out of date: the pins changed since this validation; validate again.</source>
        <translation>ผลนี้ล้าสมัยแล้ว: ข้อมูลหมุดเปลี่ยนไปหลังการตรวจสอบ กรุณาตรวจสอบอีกครั้ง</translation>
    </message>
</context>
<context>
    <name>FindingsPanelBase</name>
    <message>
        <location filename="../../ui/findings_panel.ui" line="6"/>
        <source>Validation findings</source>
        <translation>ผลการตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="11"/>
        <source>Not validated yet.</source>
        <translation>ยังไม่ได้ตรวจสอบ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="18"/>
        <source>Severity</source>
        <translation>ความรุนแรง</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="24"/>
        <source>Rule</source>
        <translation>กฎ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="46"/>
        <source>Double-click a finding to zoom to its pin and select it</source>
        <translation>ดับเบิลคลิกผลการตรวจเพื่อซูมไปที่หมุดและเลือกหมุดนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="58"/>
        <source>Zoom to pin</source>
        <translation>ซูมไปที่หมุด</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="62"/>
        <source>Apply fix</source>
        <translation>แก้ไขตามที่เสนอ</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="63"/>
        <source>Apply the proposed fix to the pin (undo with Ctrl+Z)</source>
        <translation>แก้ไขหมุดตามที่เสนอ (ย้อนกลับด้วย Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/findings_panel.ui" line="67"/>
        <source>Validate again</source>
        <translation>ตรวจสอบอีกครั้ง</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../gui/import_dialog.py" line="57"/>
        <source>Field of the pin</source>
        <translation>ฟิลด์ของหมุด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="57"/>
        <source>Column of the file</source>
        <translation>คอลัมน์ของไฟล์</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="97"/>
        <source>A list to import</source>
        <translation>รายการที่จะนำเข้า</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="97"/>
        <source>Lists (*.csv *.txt *.xlsx *.ods *.kml *.kmz *.gpkg *.shp *.geojson);;All files (*)</source>
        <translation>รายการ (*.csv *.txt *.xlsx *.ods *.kml *.kmz *.gpkg *.shp *.geojson);;ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="117"/>
        <source>Reading {}…</source>
        <translation>กำลังอ่าน {}…</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="128"/>
        <source>Citizen Pins: read a list</source>
        <translation>Citizen Pins: อ่านรายการ</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="142"/>
        <source>{name}: {columns} columns</source>
        <translation>{name}: {columns} คอลัมน์</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="145"/>
        <source>encoding {}</source>
        <translation>การเข้ารหัส {}</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="198"/>
        <source>Reading every row…</source>
        <translation>กำลังอ่านทุกแถว…</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="206"/>
        <source>Citizen Pins: import</source>
        <translation>Citizen Pins: นำเข้า</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="211"/>
        <source>The import could not run: {}</source>
        <translation>นำเข้าไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="47"/>
        <source>Every province</source>
        <translation>ทุกจังหวัด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="75"/>
        <source>Latitude</source>
        <translation>ละติจูด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="75"/>
        <source>Longitude</source>
        <translation>ลองจิจูด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="76"/>
        <source>Latitude, longitude (one column)</source>
        <translation>ละติจูด, ลองจิจูด (คอลัมน์เดียว)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="77"/>
        <source>UTM easting</source>
        <translation>พิกัด UTM ตะวันออก (E)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="77"/>
        <source>UTM northing</source>
        <translation>พิกัด UTM เหนือ (N)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="78"/>
        <source>UTM zone</source>
        <translation>โซน UTM</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="78"/>
        <source>Tambon (name)</source>
        <translation>ตำบล (ชื่อ)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="79"/>
        <source>Amphoe (name)</source>
        <translation>อำเภอ (ชื่อ)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="80"/>
        <source>Province (name)</source>
        <translation>จังหวัด (ชื่อ)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="81"/>
        <source>Tambon, amphoe, province (one column)</source>
        <translation>ตำบล อำเภอ จังหวัด (คอลัมน์เดียว)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="85"/>
        <source>{} (code)</source>
        <translation>{} (รหัส)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="237"/>
        <source>{} pin(s) added for review: undo with Ctrl+Z; save the layer to keep them.</source>
        <translation>เพิ่มหมุด {} จุดเพื่อตรวจทาน: ย้อนกลับได้ด้วย Ctrl+Z บันทึกชั้นข้อมูลเพื่อเก็บไว้</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="239"/>
        <source>{imported} as they were, {repaired} with repairs.</source>
        <translation>ตามเดิม {imported} จุด มีการปรับแก้ {repaired} จุด</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="242"/>
        <source>{} row(s) refused (listed below).</source>
        <translation>ไม่รับ {} แถว (รายการด้านล่าง)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="244"/>
        <source>{} row(s) already in the working copy, not added again.</source>
        <translation>มีอยู่ในสำเนาทำงานแล้ว {} แถว ไม่เพิ่มซ้ำ</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="247"/>
        <source>{} row(s) likely already in the working copy, not added.</source>
        <translation>น่าจะมีอยู่ในสำเนาทำงานแล้ว {} แถว ไม่ได้เพิ่ม</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="250"/>
        <source>{count} row(s) of other provinces left out (only {province} is imported).</source>
        <translation>ไม่นำเข้าแถวของจังหวัดอื่น {count} แถว (นำเข้าเฉพาะจังหวัด{province})</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="255"/>
        <source>{} empty row(s) skipped.</source>
        <translation>ข้ามแถวว่าง {} แถว</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="256"/>
        <source>Report: {}</source>
        <translation>รายงาน: {}</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="262"/>
        <source>{row} ~ {pin} ({metres:.0f} m)</source>
        <translation>{row} ~ {pin} ({metres:.0f} ม.)</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="266"/>
        <source>… and {} more</source>
        <translation>… และอีก {} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="267"/>
        <source>Likely duplicates</source>
        <translation>น่าจะซ้ำ</translation>
    </message>
    <message>
        <location filename="../gui/import_dialog.py" line="267"/>
        <source>{} row(s) look like pins the working copy already has (a name that differs by a typing slip, close by). Add them anyway?</source>
        <translation>มี {} แถวที่ดูเหมือนหมุดที่มีในสำเนาทำงานแล้ว (ชื่อต่างกันแค่พิมพ์ผิดเล็กน้อย และอยู่ใกล้กัน) จะเพิ่มแถวเหล่านี้หรือไม่?</translation>
    </message>
</context>
<context>
    <name>ImportDialogBase</name>
    <message>
        <location filename="../../ui/import_dialog.ui" line="6"/>
        <source>Import a list of service points</source>
        <translation>นำเข้ารายการจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="12"/>
        <source>CSV, XLSX, KML/KMZ, GeoPackage, Shapefile or GeoJSON</source>
        <translation>CSV, XLSX, KML/KMZ, GeoPackage, Shapefile หรือ GeoJSON</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="16"/>
        <source>Browse…</source>
        <translation>เลือกไฟล์…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="23"/>
        <source>Encoding</source>
        <translation>การเข้ารหัส</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="28"/>
        <source>auto: detected (UTF-8, UTF-8 with BOM, Thai Windows cp874/TIS-620)</source>
        <translation>auto: ตรวจหาให้ (UTF-8, UTF-8 แบบมี BOM, ภาษาไทยของ Windows cp874/TIS-620)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="32"/>
        <source>Sheet or layer</source>
        <translation>แผ่นงานหรือชั้นข้อมูล</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="38"/>
        <source>Source key</source>
        <translation>รหัสต้นทาง</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="42"/>
        <source>A column that identifies a row across imports (e.g. a facility code), so importing again adds no duplicate</source>
        <translation>คอลัมน์ที่ระบุแถวได้ข้ามการนำเข้าแต่ละครั้ง (เช่น รหัสสถานบริการ) เพื่อให้นำเข้าซ้ำแล้วไม่เกิดหมุดซ้ำ</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="57"/>
        <source>Choose a file, then check how its columns fill the pin&apos;s fields.</source>
        <translation>เลือกไฟล์ แล้วตรวจว่าคอลัมน์ของไฟล์เติมฟิลด์ของหมุดอย่างไร</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="76"/>
        <source>Rows refused, with the reason (the report lists every row)</source>
        <translation>แถวที่ปฏิเสธพร้อมเหตุผล (รายงานแสดงทุกแถว)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="89"/>
        <source>Import for review</source>
        <translation>นำเข้าเพื่อตรวจทาน</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="90"/>
        <source>Add the pins to the working copy&apos;s edit buffer: review them on the map, undo if needed, then save</source>
        <translation>เพิ่มหมุดลงในบัฟเฟอร์การแก้ไขของสำเนาทำงาน: ตรวจทานบนแผนที่ ย้อนกลับได้ถ้าจำเป็น แล้วจึงบันทึก</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="95"/>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="46"/>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.ui" line="50"/>
        <source>Only rows of this province become pins; rows of other provinces are left out and counted in the report</source>
        <translation>นำเข้าเป็นหมุดเฉพาะแถวของจังหวัดนี้ แถวของจังหวัดอื่นจะไม่นำเข้าและนับไว้ในรายงาน</translation>
    </message>
</context>
<context>
    <name>ImportPinsAlgorithm</name>
    <message>
        <location filename="../processing/import_pins.py" line="73"/>
        <source>Import service points</source>
        <translation>นำเข้าจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="97"/>
        <source>List to import</source>
        <translation>รายการที่จะนำเข้า</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="97"/>
        <source>Lists (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.kml *.kmz *.gpkg *.shp *.geojson *.json);;All files (*.*)</source>
        <translation>รายการ (*.csv *.txt *.tsv *.xlsx *.xls *.ods *.kml *.kmz *.gpkg *.shp *.geojson *.json);;ทุกไฟล์ (*.*)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="101"/>
        <source>Working copy (GeoPackage; created when missing)</source>
        <translation>สำเนาทำงาน (GeoPackage สร้างให้เมื่อยังไม่มี)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="101"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="104"/>
        <source>Field mapping (empty: automatic)</source>
        <translation>การจับคู่ฟิลด์ (เว้นว่าง: อัตโนมัติ)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="107"/>
        <source>Encoding of a CSV (auto, utf-8, cp874, ...)</source>
        <translation>การเข้ารหัสของ CSV (auto, utf-8, cp874, ...)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="110"/>
        <source>Sheet or layer (several separated by ;)</source>
        <translation>แผ่นงานหรือชั้นข้อมูล (หลายรายการคั่นด้วย ;)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="112"/>
        <source>Source key column (matches rows across imports)</source>
        <translation>คอลัมน์รหัสต้นทาง (ใช้จับคู่แถวระหว่างการนำเข้าแต่ละครั้ง)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="115"/>
        <source>Point type of rows that do not say</source>
        <translation>ประเภทจุดสำหรับแถวที่ไม่ได้ระบุ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="117"/>
        <source>UTM zone of easting/northing without a zone column</source>
        <translation>โซน UTM ของพิกัดตะวันออก/เหนือที่ไม่มีคอลัมน์โซน</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="120"/>
        <source>Re-import match distance without a source key (m)</source>
        <translation>ระยะจับคู่เมื่อนำเข้าซ้ำโดยไม่มีรหัสต้นทาง (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="124"/>
        <source>Province of a new working copy (DOPA code)</source>
        <translation>จังหวัดของสำเนาทำงานใหม่ (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="130"/>
        <source>Remember the mapping for files with these columns</source>
        <translation>จำการจับคู่ไว้ใช้กับไฟล์ที่มีคอลัมน์เหล่านี้</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="133"/>
        <source>Per-row report (CSV; empty: next to the working copy)</source>
        <translation>รายงานรายแถว (CSV เว้นว่าง: วางไว้ข้างสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="133"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="136"/>
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="138"/>
        <source>Report table</source>
        <translation>ตารางรายงาน</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="139"/>
        <source>Rows imported as they were</source>
        <translation>แถวที่นำเข้าตามเดิม</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="140"/>
        <source>Rows imported with repairs</source>
        <translation>แถวที่นำเข้าโดยมีการแก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="141"/>
        <source>Rows refused</source>
        <translation>แถวที่ปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="142"/>
        <source>Rows skipped (already in the working copy, or not data)</source>
        <translation>แถวที่ข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="183"/>
        <source>Encoding: {}</source>
        <translation>การเข้ารหัส: {}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="186"/>
        <source>Mapping {}{}</source>
        <translation>การจับคู่ {}{}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="188"/>
        <source>Working copy created: {}</source>
        <translation>สร้างสำเนาทำงานแล้ว: {}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="190"/>
        <source>Report: {} (table {} of the working copy)</source>
        <translation>รายงาน: {} (ตาราง {} ของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="197"/>
        <source>{} row(s) refused: see the report for each reason.</source>
        <translation>ปฏิเสธ {} แถว: ดูเหตุผลของแต่ละแถวในรายงาน</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="76"/>
        <source>Imports a list of service points into the working copy (created when missing, never overwritten): CSV (UTF-8, UTF-8 with BOM or Thai Windows cp874/TIS-620, detected), XLSX/ODS (SHEET picks the sheet), KML/KMZ, GeoPackage, Shapefile, GeoJSON.

Columns are matched to pin fields from their Thai or English headers (ละติจูด, ลองจิจูด, lat, Y, รหัสตำบล, tmcode, ชื่อหน่วยงาน, ...). MAPPING overrides entries, e.g. 'name_th=ชื่อ; lat=Y; lon=X; point_type:=school'; a mapping given once is remembered for files with the same columns. Coordinates may be decimal (dot or comma), degrees-minutes-seconds, Thai numerals, swapped, one 'lat, lon' column or UTM easting/northing (zone column or UTM_ZONE). Tambon/amphoe/province names are resolved to DOPA codes; ambiguous names are reported, not guessed.

Every row is reported as imported, imported with repairs (each listed), refused (with the reason) or skipped (already in the working copy, or not a data row), in the table import_report of the working copy and in a CSV (REPORT). Re-importing does not duplicate pins: rows are matched by SOURCE_KEY (a column such as hoscode), else by name, tambon and distance (MATCH_DISTANCE metres).

ONLY_PROVINCE: only rows of this province (DOPA code) become pins; rows of other provinces are skipped and counted (OUTSIDE). Empty: the working copy's province (when it has one); * : every province.</source>
        <translation>นำเข้ารายการจุดให้บริการลงในสำเนาทำงาน (สร้างให้เมื่อยังไม่มี และไม่เขียนทับ): CSV (UTF-8, UTF-8 แบบมี BOM หรือภาษาไทยของ Windows cp874/TIS-620 ตรวจหาให้อัตโนมัติ), XLSX/ODS (SHEET เลือกแผ่นงาน), KML/KMZ, GeoPackage, Shapefile, GeoJSON

คอลัมน์จะถูกจับคู่กับฟิลด์ของหมุดจากหัวคอลัมน์ภาษาไทยหรืออังกฤษ (ละติจูด, ลองจิจูด, lat, Y, รหัสตำบล, tmcode, ชื่อหน่วยงาน, ...) MAPPING ใช้กำหนดการจับคู่เอง เช่น 'name_th=ชื่อ; lat=Y; lon=X; point_type:=school' การจับคู่ที่กำหนดครั้งหนึ่งจะถูกจำไว้ใช้กับไฟล์ที่มีคอลัมน์แบบเดียวกัน พิกัดเป็นทศนิยม (จุดหรือจุลภาค) องศา-ลิปดา-ฟิลิปดา เลขไทย สลับกัน คอลัมน์เดียว 'lat, lon' หรือ UTM ตะวันออก/เหนือ (คอลัมน์โซนหรือ UTM_ZONE) ก็ได้ ชื่อตำบล/อำเภอ/จังหวัดจะถูกแปลงเป็นรหัสกรมการปกครอง ชื่อที่กำกวมจะถูกรายงาน ไม่เดา

ทุกแถวจะถูกรายงานว่านำเข้าตามเดิม นำเข้าโดยมีการแก้ไข (แจ้งทุกรายการ) ปฏิเสธ (พร้อมเหตุผล) หรือข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่แถวข้อมูล) ในตาราง import_report ของสำเนาทำงานและในไฟล์ CSV (REPORT) การนำเข้าซ้ำจะไม่ทำให้หมุดซ้ำ: จับคู่แถวด้วย SOURCE_KEY (คอลัมน์เช่น hoscode) หรือด้วยชื่อ ตำบล และระยะห่าง (MATCH_DISTANCE เมตร)

ONLY_PROVINCE: นำเข้าเป็นหมุดเฉพาะแถวของจังหวัดนี้ (รหัสกรมการปกครอง) แถวของจังหวัดอื่นจะถูกข้ามและนับไว้ (OUTSIDE) เว้นว่าง: จังหวัดของสำเนาทำงาน (ถ้ามี) * : ทุกจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="126"/>
        <source>Only rows of this province (DOPA code; empty: the working copy&apos;s province; *: every province)</source>
        <translation>เฉพาะแถวของจังหวัดนี้ (รหัสกรมการปกครอง เว้นว่าง: จังหวัดของสำเนาทำงาน * : ทุกจังหวัด)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="145"/>
        <source>Rows of other provinces (skipped)</source>
        <translation>แถวของจังหวัดอื่น (ข้าม)</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="174"/>
        <source>Only rows of province {} are imported</source>
        <translation>นำเข้าเฉพาะแถวของจังหวัด {}</translation>
    </message>
    <message>
        <location filename="../processing/import_pins.py" line="194"/>
        <source>{} row(s) of other provinces left out (see the report)</source>
        <translation>ไม่นำเข้าแถวของจังหวัดอื่น {} แถว (ดูรายงาน)</translation>
    </message>
</context>
<context>
    <name>ImportServicesAlgorithm</name>
    <message>
        <location filename="../processing/services/import_services.py" line="70"/>
        <source>Import services, steps and documents</source>
        <translation>นำเข้างานบริการ ขั้นตอน และเอกสาร</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="73"/>
        <source>Imports the services a service point offers, with their steps and documents (from the agency's citizen manual), into the working copy of PIN_LAYER: an XLSX or CSV with one row per document or per step (Thai or English headers: ชื่องานบริการ, ชื่อเอกสาร, ฉบับจริง, สำเนา, การเรียกสำเนา, ขั้นตอน, ระยะเวลา, ...; the plugin's template resources/services/services_template.xlsx has them all), or a JSON file in the exchange format (docs/services.md).

Each row is matched to its service point by รหัสหมุด (pin_id), or by the point's name and DOPA codes; POINT gives the point of a list that does not say. Every row is reported as imported, imported with repairs (each listed), refused (with the reason) or skipped (already in the working copy, or not data), in the table services_import_report and a CSV (REPORT). Importing the same list again adds nothing. A working copy made before services existed is upgraded in place first.</source>
        <translation>นำเข้างานบริการที่จุดให้บริการเปิดให้บริการ พร้อมขั้นตอนและเอกสาร (ตามคู่มือสำหรับประชาชนของหน่วยงาน) ลงในสำเนาทำงานของ PIN_LAYER: ไฟล์ XLSX หรือ CSV แถวละหนึ่งเอกสารหรือหนึ่งขั้นตอน (หัวคอลัมน์ภาษาไทยหรืออังกฤษ: ชื่องานบริการ, ชื่อเอกสาร, ฉบับจริง, สำเนา, การเรียกสำเนา, ขั้นตอน, ระยะเวลา, ... แบบฟอร์ม resources/services/services_template.xlsx ของปลั๊กอินมีครบทุกคอลัมน์) หรือไฟล์ JSON ตามรูปแบบแลกเปลี่ยน (docs/services.md)

แต่ละแถวจับคู่กับจุดให้บริการด้วยรหัสหมุด (pin_id) หรือด้วยชื่อจุดให้บริการและรหัสกรมการปกครอง POINT ระบุจุดให้บริการของรายการที่ไม่ได้ระบุไว้ ทุกแถวมีผลในรายงาน: นำเข้าตามเดิม นำเข้าโดยมีการแก้ไข (ระบุทุกรายการ) ไม่นำเข้า (พร้อมเหตุผล) หรือข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล) ในตาราง services_import_report และไฟล์ CSV (REPORT) การนำเข้ารายการเดิมซ้ำจะไม่เพิ่มข้อมูลใด สำเนาทำงานที่สร้างก่อนมีงานบริการจะได้รับการปรับรุ่นก่อน</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="88"/>
        <source>List of services (XLSX, CSV or JSON)</source>
        <translation>รายการงานบริการ (XLSX, CSV หรือ JSON)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="88"/>
        <source>Service lists (*.xlsx *.xls *.ods *.csv *.txt *.json);;All files (*.*)</source>
        <translation>รายการงานบริการ (*.xlsx *.xls *.ods *.csv *.txt *.json);;ทุกไฟล์ (*.*)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="93"/>
        <source>Service points (the working copy&apos;s pins layer)</source>
        <translation>จุดให้บริการ (ชั้นข้อมูลหมุดของสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="96"/>
        <source>Sheets (several separated by ;; empty: the first)</source>
        <translation>แผ่นงาน (หลายแผ่นคั่นด้วย ; เว้นว่าง: แผ่นแรก)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="99"/>
        <source>Column mapping (empty: from the headers)</source>
        <translation>การจับคู่คอลัมน์ (เว้นว่าง: ตามหัวคอลัมน์)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="102"/>
        <source>Service point of rows that do not say (pin_id or name)</source>
        <translation>จุดให้บริการของแถวที่ไม่ระบุ (รหัสหมุดหรือชื่อ)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="105"/>
        <source>Encoding of a CSV (auto, utf-8, cp874, ...)</source>
        <translation>การเข้ารหัสของไฟล์ CSV (auto, utf-8, cp874, ...)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="108"/>
        <source>Per-row report (CSV; empty: next to the working copy)</source>
        <translation>รายงานรายแถว (CSV เว้นว่าง: ไว้ข้างสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="108"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="111"/>
        <source>Report table</source>
        <translation>ตารางรายงาน</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="112"/>
        <source>Rows imported as they were</source>
        <translation>แถวที่นำเข้าตามเดิม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="113"/>
        <source>Rows imported with repairs</source>
        <translation>แถวที่นำเข้าโดยมีการแก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="114"/>
        <source>Rows refused</source>
        <translation>แถวที่ไม่นำเข้า</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="115"/>
        <source>Rows skipped (already in the working copy, or not data)</source>
        <translation>แถวที่ข้าม (มีอยู่แล้วในสำเนาทำงาน หรือไม่ใช่ข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="118"/>
        <source>Services added</source>
        <translation>งานบริการที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="119"/>
        <source>Steps added</source>
        <translation>ขั้นตอนที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="120"/>
        <source>Documents added</source>
        <translation>เอกสารที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="140"/>
        <source>The working copy was upgraded in place: services, steps and documents tables added.</source>
        <translation>ปรับรุ่นสำเนาทำงานแล้ว: เพิ่มตารางงานบริการ ขั้นตอน และเอกสาร</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="144"/>
        <source>Columns {}{}</source>
        <translation>คอลัมน์ {}{}</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="147"/>
        <source>Report: {} (table {} of the working copy)</source>
        <translation>รายงาน: {} (ตาราง {} ในสำเนาทำงาน)</translation>
    </message>
    <message>
        <location filename="../processing/services/import_services.py" line="151"/>
        <source>{} row(s) refused: see the report for each reason.</source>
        <translation>ไม่นำเข้า {} แถว: ดูเหตุผลของแต่ละแถวในรายงาน</translation>
    </message>
</context>
<context>
    <name>NewWorkingCopyDialog</name>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="71"/>
        <source>Folder of the working copy</source>
        <translation>โฟลเดอร์ของสำเนาทำงาน</translation>
    </message>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="80"/>
        <source>Choose the province.</source>
        <translation>กรุณาเลือกจังหวัด</translation>
    </message>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="82"/>
        <source>Give the file a name.</source>
        <translation>กรุณาตั้งชื่อไฟล์</translation>
    </message>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="84"/>
        <source>This is a temporary folder, emptied when QGIS closes: choose a folder that is kept.</source>
        <translation>โฟลเดอร์นี้เป็นโฟลเดอร์ชั่วคราว จะถูกล้างเมื่อปิด QGIS กรุณาเลือกโฟลเดอร์ที่เก็บไว้ถาวร</translation>
    </message>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="87"/>
        <source>{} already exists: open it with Open…, or choose another name.</source>
        <translation>มี {} อยู่แล้ว: เปิดด้วยปุ่ม เปิด… หรือตั้งชื่ออื่น</translation>
    </message>
    <message>
        <location filename="../gui/new_working_copy_dialog.py" line="96"/>
        <source>The pins of {province} will be kept in {path}</source>
        <translation>หมุดของจังหวัด{province}จะเก็บไว้ที่ {path}</translation>
    </message>
</context>
<context>
    <name>NewWorkingCopyDialogBase</name>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="6"/>
        <source>New working copy</source>
        <translation>สร้างสำเนาทำงานใหม่</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="10"/>
        <source>A working copy is a GeoPackage file on this computer that holds one province&apos;s pins. Keep it in a folder you back up: your edits live in it until they are published.</source>
        <translation>สำเนาทำงานคือไฟล์ GeoPackage ในเครื่องนี้ที่เก็บหมุดของจังหวัดหนึ่ง ควรเก็บไว้ในโฟลเดอร์ที่มีการสำรองข้อมูล เพราะการแก้ไขของคุณอยู่ในไฟล์นี้จนกว่าจะเผยแพร่</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="19"/>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="23"/>
        <source>The province whose pins this working copy holds (your account&apos;s provinces first)</source>
        <translation>จังหวัดที่สำเนาทำงานนี้เก็บหมุด (จังหวัดในบัญชีของคุณอยู่ก่อน)</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="27"/>
        <source>Folder</source>
        <translation>โฟลเดอร์</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="36"/>
        <source>Browse…</source>
        <translation>เลือกโฟลเดอร์…</translation>
    </message>
    <message>
        <location filename="../../ui/new_working_copy_dialog.ui" line="43"/>
        <source>File name</source>
        <translation>ชื่อไฟล์</translation>
    </message>
</context>
<context>
    <name>PinTool</name>
    <message>
        <location filename="../gui/pin_tool.py" line="137"/>
        <source>Add pin</source>
        <translation>เพิ่มหมุด</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="147"/>
        <source>no tambon</source>
        <translation>ไม่อยู่ในตำบลใด</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="149"/>
        <source>Update the codes?</source>
        <translation>ปรับรหัสหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="149"/>
        <source>The pin moved from {old} to {new}. Update its province, amphoe and tambon codes?</source>
        <translation>หมุดย้ายจาก {old} ไปยัง {new} ปรับรหัสจังหวัด อำเภอ และตำบลของหมุดหรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="168"/>
        <source>Move pin</source>
        <translation>ย้ายหมุด</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="115"/>
        <source>This pin lies in {province}, but your account may edit pins of {allowed} only: the registry will refuse it. Place it inside your province.</source>
        <translation>หมุดนี้อยู่ในจังหวัด{province} แต่บัญชีของคุณแก้ไขหมุดได้เฉพาะจังหวัด{allowed} ทะเบียนกลางจะไม่รับหมุดนี้ กรุณาปักหมุดภายในจังหวัดของคุณ</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="121"/>
        <source>Move the pin out of your province?</source>
        <translation>ย้ายหมุดออกนอกจังหวัดของคุณ?</translation>
    </message>
    <message>
        <location filename="../gui/pin_tool.py" line="121"/>
        <source>Move it anyway?</source>
        <translation>ยืนยันจะย้ายหรือไม่?</translation>
    </message>
</context>
<context>
    <name>PublishAlgorithm</name>
    <message>
        <location filename="../processing/publish.py" line="75"/>
        <source>Publish pins to the registry</source>
        <translation>เผยแพร่หมุดไปยังทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="102"/>
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="105"/>
        <source>Registry URL</source>
        <translation>URL ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="107"/>
        <source>Authentication configuration</source>
        <translation>การตั้งค่าการยืนยันตัวตน</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="110"/>
        <source>Tambon boundaries (for validation)</source>
        <translation>ขอบเขตตำบล (สำหรับการตรวจสอบ)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="113"/>
        <source>Validation tolerance (metres, 0: the validator&apos;s default)</source>
        <translation>ระยะผ่อนปรนในการตรวจสอบ (เมตร 0 = ค่าเริ่มต้นของการตรวจ)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="118"/>
        <source>Only list the changes (send nothing)</source>
        <translation>แสดงเฉพาะรายการเปลี่ยนแปลง (ไม่ส่งข้อมูล)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="120"/>
        <source>Timeout per request (seconds)</source>
        <translation>เวลารอต่อคำขอ (วินาที)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="124"/>
        <source>Requests in flight at once</source>
        <translation>จำนวนคำขอที่ส่งพร้อมกัน</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="140"/>
        <source>Change set (JSON)</source>
        <translation>รายการเปลี่ยนแปลง (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="141"/>
        <source>Summary</source>
        <translation>สรุป</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="149"/>
        <source>BOUNDARIES: choose the tambon boundary layer; nothing is published without validation. / เลือกชั้นข้อมูลขอบเขตตำบล (ต้องตรวจสอบข้อมูลก่อนเผยแพร่)</source>
        <translation>BOUNDARIES: เลือกชั้นข้อมูลขอบเขตตำบล (ต้องตรวจสอบข้อมูลก่อนเผยแพร่)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="159"/>
        <source>The validation algorithm citizen_pins:validate is not available; nothing was sent.</source>
        <translation>ไม่มีอัลกอริทึมตรวจสอบ citizen_pins:validate ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="167"/>
        <source>Validating the pins to publish...</source>
        <translation>กำลังตรวจหมุดที่จะเผยแพร่...</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="172"/>
        <source>Validation could not run; nothing was sent.</source>
        <translation>ตรวจสอบไม่ได้ ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="212"/>
        <source>Changes: {0} added, {1} changed, {2} deleted; {3} pin(s) wait for conflicts to be resolved.</source>
        <translation>การเปลี่ยนแปลง: เพิ่ม {0} แก้ไข {1} ลบ {2} มี {3} หมุดรอแก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="142"/>
        <source>Changes refused by the registry (JSON: pin, name, reason)</source>
        <translation>รายการที่ทะเบียนกลางไม่รับ (JSON: หมุด ชื่อ เหตุผล)</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="78"/>
        <source>Sends the working copy&apos;s changes since the last pull (added, changed and deleted pins, and their services with their steps and documents) to the national registry. The change set is listed first; the pins and services to send are validated against the tambon boundaries and the services&apos; rules, and any error stops the publish before anything is sent. A pin deleted here is deleted in the registry with its services, unless someone changed one of them meanwhile (then it is a conflict). Every change is written to the working copy&apos;s journal before it is sent, so a publish cut off by the network, a timeout or a crash is finished by the next publish without sending anything twice. Pins someone else changed in the registry meanwhile are merged field by field; fields changed on both sides become conflicts (table citizen_pins_conflicts) to resolve before they are published. Save your edits first. DRY_RUN only lists the changes.</source>
        <translation>ส่งการเปลี่ยนแปลงของสำเนาทำงานตั้งแต่การดึงข้อมูลครั้งล่าสุด (หมุดที่เพิ่ม แก้ไข และลบ รวมทั้งงานบริการของหมุดพร้อมขั้นตอนและเอกสาร) ไปยังทะเบียนกลาง แสดงรายการเปลี่ยนแปลงก่อน หมุดและงานบริการที่จะส่งจะถูกตรวจกับขอบเขตตำบลและกฎของงานบริการ และข้อผิดพลาดใด ๆ จะหยุดการเผยแพร่ก่อนส่งข้อมูล หมุดที่ลบที่นี่จะถูกลบในทะเบียนกลางพร้อมงานบริการของหมุด เว้นแต่ระหว่างนั้นมีผู้อื่นแก้ไขงานบริการเหล่านั้น (จะเป็นข้อขัดแย้ง) ทุกการเปลี่ยนแปลงถูกบันทึกในบันทึกรายการของสำเนาทำงานก่อนส่ง การเผยแพร่ที่ถูกขัดจังหวะด้วยเครือข่าย หมดเวลา หรือโปรแกรมขัดข้อง จะถูกทำต่อให้เสร็จในการเผยแพร่ครั้งถัดไปโดยไม่ส่งซ้ำ หมุดที่ผู้อื่นแก้ไขในทะเบียนกลางระหว่างนั้นจะถูกรวมทีละฟิลด์ ฟิลด์ที่ถูกแก้ทั้งสองด้านจะเป็นข้อขัดแย้ง (ตาราง citizen_pins_conflicts) ที่ต้องแก้ก่อนเผยแพร่ บันทึกการแก้ไขก่อน DRY_RUN แสดงเฉพาะรายการเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="215"/>
        <source>Services: {0} added, {1} changed, {2} deleted; {3} wait for conflicts to be resolved.</source>
        <translation>งานบริการ: เพิ่ม {0} แก้ไข {1} ลบ {2} รอแก้ข้อขัดแย้ง {3}</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Pins added</source>
        <translation>หมุดที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Pins changed</source>
        <translation>หมุดที่แก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Pins deleted</source>
        <translation>หมุดที่ลบ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Open conflicts</source>
        <translation>ข้อขัดแย้งที่ยังไม่ได้แก้</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Changes refused by the registry</source>
        <translation>การเปลี่ยนแปลงที่ทะเบียนกลางปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Changes waiting for an answer</source>
        <translation>การเปลี่ยนแปลงที่รอคำตอบ</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Blocking findings</source>
        <translation>ข้อผิดพลาดที่หยุดการเผยแพร่</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Services added</source>
        <translation>งานบริการที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Services changed</source>
        <translation>งานบริการที่แก้ไข</translation>
    </message>
    <message>
        <location filename="../processing/publish.py" line="129"/>
        <source>Services deleted</source>
        <translation>งานบริการที่ลบ</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../gui/publish_dialog.py" line="154"/>
        <source>{added} added · {changed} changed · {deleted} deleted</source>
        <translation>เพิ่ม {added} · แก้ไข {changed} · ลบ {deleted}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="159"/>
        <source>{} pin(s) wait for conflicts to be resolved</source>
        <translation>มี {} หมุดรอแก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="165"/>
        <source>{} change(s) of an interrupted publish to finish</source>
        <translation>มี {} รายการจากการเผยแพร่ที่ถูกขัดจังหวะรอส่งให้เสร็จ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="464"/>
        <source>Validating the pins to publish…</source>
        <translation>กำลังตรวจหมุดที่จะเผยแพร่…</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="362"/>
        <source>Citizen Pins: check before publishing</source>
        <translation>Citizen Pins: ตรวจก่อนเผยแพร่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="379"/>
        <source>Publishing is blocked by {} error(s). Fix them (findings panel), then publish again. Nothing was sent.</source>
        <translation>เผยแพร่ไม่ได้เพราะมีข้อผิดพลาด {} รายการ แก้ไข (แผงผลการตรวจ) แล้วเผยแพร่อีกครั้ง ยังไม่ได้ส่งข้อมูลใด ๆ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="394"/>
        <source>The check failed: {}</source>
        <translation>ตรวจไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="399"/>
        <source>Nothing to publish: the working copy equals the registry&apos;s state at the last pull.</source>
        <translation>ไม่มีอะไรต้องเผยแพร่: สำเนาทำงานตรงกับทะเบียนกลางเมื่อดึงข้อมูลครั้งล่าสุด</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="403"/>
        <source>Validation passed: no error blocks publishing.</source>
        <translation>ผ่านการตรวจสอบ: ไม่มีข้อผิดพลาดที่ทำให้เผยแพร่ไม่ได้</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="454"/>
        <source>Citizen Pins: publish</source>
        <translation>Citizen Pins: เผยแพร่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="513"/>
        <source>The publish stopped: {}</source>
        <translation>การเผยแพร่หยุด: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="512"/>
        <source>cancelled</source>
        <translation>ยกเลิกแล้ว</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="513"/>
        <source>Nothing is lost: what was not confirmed is finished by the next publish.</source>
        <translation>ข้อมูลไม่สูญหาย: รายการที่ยังไม่ได้รับการยืนยันจะถูกส่งให้เสร็จในการเผยแพร่ครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="76"/>
        <source>Pin</source>
        <translation>หมุด</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="76"/>
        <source>Change</source>
        <translation>การเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="76"/>
        <source>Why the registry refused it</source>
        <translation>เหตุผลที่ทะเบียนกลางไม่รับ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="110"/>
        <source>Location</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="128"/>
        <source>Added</source>
        <translation>เพิ่ม</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="128"/>
        <source>Changed</source>
        <translation>แก้ไข</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="129"/>
        <source>Deleted</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="491"/>
        <source>(no name)</source>
        <translation>(ไม่มีชื่อ)</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="189"/>
        <source>Pin id: {}</source>
        <translation>รหัสหมุด: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="194"/>
        <source>{label}: moved {metres:.0f} m ({old} → {new})</source>
        <translation>{label}: ย้าย {metres:.0f} ม. ({old} → {new})</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="426"/>
        <source>… and {} more</source>
        <translation>… และอีก {} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="343"/>
        <source>The working copy has edits that are not saved: save them (they are not published otherwise).</source>
        <translation>สำเนาทำงานมีการแก้ไขที่ยังไม่ได้บันทึก: กรุณาบันทึก (มิฉะนั้นจะไม่ถูกเผยแพร่)</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="412"/>
        <source>A different service point?</source>
        <translation>เป็นจุดบริการอื่น?</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="412"/>
        <source>Publish {} as a service point of its own, although the registry has a pin with the same name a few metres away?</source>
        <translation>เผยแพร่ {} เป็นจุดบริการใหม่อีกจุด ทั้งที่ทะเบียนกลางมีหมุดชื่อเดียวกันอยู่ห่างไปไม่กี่เมตรใช่หรือไม่?</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="427"/>
        <source>Delete pins from the registry?</source>
        <translation>ลบหมุดออกจากทะเบียนกลาง?</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="446"/>
        <source>Nothing was sent: the deletions were not confirmed.</source>
        <translation>ยังไม่ได้ส่งข้อมูลใด ๆ: ไม่ได้ยืนยันการลบ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="472"/>
        <source>Sending the changes; waiting for the registry's answers ({:.0f} % answered)…</source>
        <translation>กำลังส่งการเปลี่ยนแปลงและรอคำตอบจากทะเบียนกลาง (ตอบแล้ว {:.0f} %)…</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="478"/>
        <source>Stopping: requests already sent wait for their answer…</source>
        <translation>กำลังหยุด: คำขอที่ส่งไปแล้วกำลังรอคำตอบ…</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="515"/>
        <source>Published: {added} added, {changed} changed, {deleted} deleted.</source>
        <translation>เผยแพร่แล้ว: เพิ่ม {added} แก้ไข {changed} ลบ {deleted}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="519"/>
        <source>{} pin(s) with conflicts: resolve them (Resolve conflicts…).</source>
        <translation>มีหมุดที่มีข้อขัดแย้ง {} จุด: กรุณาแก้ (แก้ข้อขัดแย้ง…)</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="522"/>
        <source>{} change(s) refused by the registry (listed below).</source>
        <translation>ทะเบียนกลางไม่รับ {} รายการ (รายการด้านล่าง)</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="525"/>
        <source>{} change(s) got no answer: nothing is lost; publish again to finish them.</source>
        <translation>ยังไม่ได้รับคำตอบ {} รายการ: ข้อมูลไม่สูญหาย กรุณาเผยแพร่อีกครั้งเพื่อให้เสร็จ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="156"/>
        <source>services: {services_added} added · {services_changed} changed · {services_deleted} deleted</source>
        <translation>งานบริการ: เพิ่ม {services_added} · แก้ไข {services_changed} · ลบ {services_deleted}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="162"/>
        <source>{} service(s) wait for conflicts to be resolved</source>
        <translation>งานบริการ {} รายการรอแก้ข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="441"/>
        <source>with its {} service(s)</source>
        <translation>พร้อมงานบริการ {} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="186"/>
        <source>Service deleted with it: {}</source>
        <translation>งานบริการที่ลบไปด้วย: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="228"/>
        <source>Service added</source>
        <translation>เพิ่มงานบริการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="228"/>
        <source>Service changed</source>
        <translation>แก้ไขงานบริการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="229"/>
        <source>Service deleted</source>
        <translation>ลบงานบริการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="495"/>
        <source>at {}</source>
        <translation>ที่ {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="235"/>
        <source>Service id: {}</source>
        <translation>รหัสงานบริการ: {}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="240"/>
        <source>{steps} step(s), {documents} document(s)</source>
        <translation>ขั้นตอน {steps} ขั้น เอกสาร {documents} รายการ</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="261"/>
        <source>Step</source>
        <translation>ขั้นตอน</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="261"/>
        <source>Document</source>
        <translation>เอกสาร</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="265"/>
        <source>{} added</source>
        <translation>เพิ่ม{}</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="265"/>
        <source>{} removed</source>
        <translation>นำ{} ออก</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="277"/>
        <source>yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="277"/>
        <source>no</source>
        <translation>ไม่ใช่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="427"/>
        <source>This publish deletes {} pin(s) or service(s) from the national registry. Delete them?</source>
        <translation>การเผยแพร่นี้จะลบหมุดหรืองานบริการ {} รายการออกจากทะเบียนกลาง ต้องการลบหรือไม่</translation>
    </message>
    <message>
        <location filename="../gui/publish_dialog.py" line="493"/>
        <source>Service: {}</source>
        <translation>งานบริการ: {}</translation>
    </message>
</context>
<context>
    <name>PublishDialogBase</name>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="6"/>
        <source>Publish to the national registry</source>
        <translation>เผยแพร่ไปยังทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="47"/>
        <source>Errors that stop the publish: fix them (findings panel) and try again</source>
        <translation>ข้อผิดพลาดที่หยุดการเผยแพร่: แก้ไข (แผงผลการตรวจ) แล้วลองอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="116"/>
        <source>Resolve conflicts…</source>
        <translation>แก้ข้อขัดแย้ง…</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="128"/>
        <source>Publish</source>
        <translation>เผยแพร่</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="134"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="140"/>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="16"/>
        <source>Each change: the pin's name, what happens to it and, for a changed pin, each field with its value before → after. Double-click to see the pin on the map.</source>
        <translation>แต่ละรายการ: ชื่อหมุด สิ่งที่จะเกิดขึ้น และสำหรับหมุดที่แก้ไข แต่ละช่องพร้อมค่าเดิม → ค่าใหม่ ดับเบิลคลิกเพื่อดูหมุดบนแผนที่</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="19"/>
        <source>Change</source>
        <translation>การเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="26"/>
        <source>Show on the map</source>
        <translation>ดูบนแผนที่</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="27"/>
        <source>Zoom the map to the chosen pin and select it</source>
        <translation>ซูมแผนที่ไปที่หมุดที่เลือกและเลือกหมุดนั้น</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="55"/>
        <source>It is a different service point</source>
        <translation>เป็นจุดบริการอื่น</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="56"/>
        <source>The chosen pin is not the registry&apos;s pin nearby with the same name: publish it as a service point of its own</source>
        <translation>หมุดที่เลือกไม่ใช่หมุดชื่อเดียวกันที่อยู่ใกล้ในทะเบียนกลาง: เผยแพร่เป็นจุดบริการใหม่อีกจุด</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="88"/>
        <source>Changes the registry refused, with its reason</source>
        <translation>รายการที่ทะเบียนกลางไม่รับ พร้อมเหตุผล</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="99"/>
        <source>Show the refused pin</source>
        <translation>ดูหมุดที่ไม่ได้รับ</translation>
    </message>
    <message>
        <location filename="../../ui/publish_dialog.ui" line="100"/>
        <source>Zoom the map to the chosen refused pin and select it</source>
        <translation>ซูมแผนที่ไปที่หมุดที่ไม่ได้รับและเลือกหมุดนั้น</translation>
    </message>
</context>
<context>
    <name>PullAlgorithm</name>
    <message>
        <location filename="../processing/pull.py" line="55"/>
        <source>Pull pins from the registry</source>
        <translation>ดึงหมุดจากทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="74"/>
        <source>Registry URL</source>
        <translation>URL ทะเบียนกลาง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="76"/>
        <source>Authentication configuration</source>
        <translation>การตั้งค่าการยืนยันตัวตน</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="78"/>
        <source>Province (DOPA code)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="80"/>
        <source>Timeout per request (seconds)</source>
        <translation>เวลารอต่อคำขอ (วินาที)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="83"/>
        <source>Working copy (GeoPackage)</source>
        <translation>สำเนาทำงาน (GeoPackage)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="83"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="85"/>
        <source>Service-point layer</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="87"/>
        <source>Pins received</source>
        <translation>หมุดที่ได้รับ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="88"/>
        <source>Pins added</source>
        <translation>หมุดที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="89"/>
        <source>Pins updated</source>
        <translation>หมุดที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="113"/>
        <source>{0} pins received: {1} added, {2} updated, {3} only in the working copy.</source>
        <translation>ได้รับหมุด {0} จุด: เพิ่ม {1} ปรับปรุง {2} มีเฉพาะในสำเนาทำงาน {3}</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="90"/>
        <source>Pins removed</source>
        <translation>หมุดที่ถูกลบออก</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="91"/>
        <source>Pins with conflicts</source>
        <translation>หมุดที่มีข้อขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="116"/>
        <source>{0} merged with local edits, {1} removed (deleted in the registry), {2} with conflicts to resolve.</source>
        <translation>รวมกับการแก้ไขในเครื่อง {0} ถูกลบออก (ลบในทะเบียนกลาง) {1} มีข้อขัดแย้งที่ต้องแก้ {2}</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="92"/>
        <source>Pins added here that were the registry&apos;s (JSON: pin_id, name)</source>
        <translation>หมุดที่เพิ่มในเครื่องนี้ซึ่งเป็นหมุดของทะเบียนกลาง (JSON: pin_id, ชื่อ)</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="124"/>
        <source>{} pin(s) added here were already in the registry: merged into the registry&apos;s pins, not added twice.</source>
        <translation>หมุดที่เพิ่มในเครื่องนี้ {} จุดมีอยู่ในทะเบียนกลางแล้ว: รวมเข้ากับหมุดของทะเบียนกลาง ไม่เพิ่มซ้ำ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="58"/>
        <source>Downloads every pin of a province, with its services (their steps and documents), from the national registry into a working copy (GeoPackage; created when missing), and keeps the registry&apos;s state as the base of the next publish. A later pull brings only what changed since: pins changed only in the registry are updated, pins changed on both sides are merged field by field and fields changed on both sides become conflicts (nothing local is overwritten), pins deleted in the registry and untouched here are removed. Pins that exist only in the working copy are kept, except that a pin added here and never published which is a pin of the registry (same name, a few metres away) becomes that pin instead of lying beside it (its values merged; fields that differ become conflicts). Save your edits first. Reading needs no account; the authentication configuration is used when given.</source>
        <translation>ดาวน์โหลดหมุดทั้งหมดของจังหวัดพร้อมงานบริการของหมุด (ขั้นตอนและเอกสาร) จากทะเบียนกลางลงในสำเนาทำงาน (GeoPackage สร้างให้เมื่อยังไม่มี) และเก็บสถานะของทะเบียนกลางไว้เป็นต้นฉบับของการเผยแพร่ครั้งถัดไป การดึงครั้งต่อไปจะนำมาเฉพาะสิ่งที่เปลี่ยนไป: หมุดที่เปลี่ยนเฉพาะในทะเบียนกลางจะถูกปรับปรุง หมุดที่เปลี่ยนทั้งสองด้านจะถูกรวมทีละฟิลด์ และฟิลด์ที่เปลี่ยนทั้งสองด้านจะเป็นข้อขัดแย้ง (ไม่เขียนทับข้อมูลในเครื่อง) หมุดที่ถูกลบในทะเบียนกลางและไม่ได้แก้ไขที่นี่จะถูกลบออก หมุดที่มีเฉพาะในสำเนาทำงานจะถูกเก็บไว้ ยกเว้นหมุดที่เพิ่มที่นี่และยังไม่เคยเผยแพร่ซึ่งเป็นหมุดของทะเบียนกลาง (ชื่อเดียวกัน ห่างกันไม่กี่เมตร) จะกลายเป็นหมุดนั้นแทนการอยู่ซ้อนกัน (รวมข้อมูล ช่องที่ต่างกันเป็นข้อขัดแย้ง) บันทึกการแก้ไขก่อน การอ่านไม่ต้องใช้บัญชี ถ้ากำหนดการตั้งค่าการยืนยันตัวตนไว้จะใช้ด้วย</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="119"/>
        <source>{0} services received: {1} added, {2} updated, {3} merged with local edits, {4} removed, {5} with conflicts to resolve.</source>
        <translation>ได้รับงานบริการ {0} รายการ: เพิ่ม {1} ปรับปรุง {2} รวมกับการแก้ไขในเครื่อง {3} ลบออก {4} มีข้อขัดแย้งที่ต้องแก้ {5}</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="94"/>
        <source>Services received</source>
        <translation>งานบริการที่ได้รับ</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="94"/>
        <source>Services added</source>
        <translation>งานบริการที่เพิ่ม</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="94"/>
        <source>Services updated</source>
        <translation>งานบริการที่ปรับปรุง</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="94"/>
        <source>Services removed</source>
        <translation>งานบริการที่ลบออก</translation>
    </message>
    <message>
        <location filename="../processing/pull.py" line="94"/>
        <source>Services with conflicts</source>
        <translation>งานบริการที่มีข้อขัดแย้ง</translation>
    </message>
</context>
<context>
    <name>QrPostersAlgorithm</name>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="60"/>
        <source>QR posters for citizen feedback (PDF)</source>
        <translation>โปสเตอร์ QR สำหรับรับความคิดเห็นประชาชน (PDF)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="63"/>
        <source>One A4 page per service point of INPUT (its selected features when only those are chosen): the point&apos;s name, a QR code to its feedback form at the registry (REGISTRY_URL/feedback/&lt;pin_id&gt;) and a short invitation in Thai and English, as one print-ready PDF. Pins without a pin_id (never published) are skipped: the registry does not know them yet.</source>
        <translation>โปสเตอร์ A4 หนึ่งหน้าต่อหนึ่งจุดให้บริการของ INPUT (เฉพาะที่เลือกไว้เมื่อเลือกใช้เฉพาะรายการที่เลือก): ชื่อจุดให้บริการ QR Code ไปยังแบบประเมินของจุดนั้นที่ทะเบียนกลาง (REGISTRY_URL/feedback/&lt;pin_id&gt;) และคำเชิญชวนสั้น ๆ ภาษาไทยและอังกฤษ รวมเป็น PDF เดียวพร้อมพิมพ์ หมุดที่ไม่มี pin_id (ยังไม่เคยเผยแพร่) จะถูกข้าม เพราะทะเบียนกลางยังไม่รู้จัก</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="72"/>
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="74"/>
        <source>Registry URL (public address of the forms)</source>
        <translation>URL ของทะเบียนกลาง (ที่อยู่สาธารณะของแบบประเมิน)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="77"/>
        <source>Posters (PDF)</source>
        <translation>โปสเตอร์ (PDF)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="77"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="79"/>
        <source>Posters</source>
        <translation>จำนวนโปสเตอร์</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="84"/>
        <source>REGISTRY_URL: &apos;{}&apos; is not a web address (https://...).</source>
        <translation>REGISTRY_URL: '{}' ไม่ใช่ที่อยู่เว็บ (https://...)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="89"/>
        <source>INPUT: the service points cannot be read.</source>
        <translation>INPUT: อ่านจุดให้บริการไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="92"/>
        <source>INPUT has no pin_id field: give a working copy (or the registry&apos;s pins).</source>
        <translation>INPUT ไม่มีช่อง pin_id กรุณาใช้สำเนาทำงาน (หรือหมุดจากทะเบียนกลาง)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="103"/>
        <source>{} pin(s) without a pin_id skipped (publish them first).</source>
        <translation>ข้ามหมุดที่ไม่มี pin_id {} หมุด (กรุณาเผยแพร่ก่อน)</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="106"/>
        <source>INPUT has no pin with a pin_id: nothing to print.</source>
        <translation>INPUT ไม่มีหมุดที่มี pin_id จึงไม่มีโปสเตอร์ให้พิมพ์</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="115"/>
        <source>OUTPUT: the posters cannot be written: {}</source>
        <translation>OUTPUT: เขียนไฟล์โปสเตอร์ไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../processing/feedback/qr_posters.py" line="129"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว: ไม่ได้เขียนไฟล์ใด</translation>
    </message>
</context>
<context>
    <name>ReportAlgorithm</name>
    <message>
        <location filename="../processing/report.py" line="81"/>
        <source>Coordinator report (PDF, HTML, CSV)</source>
        <translation>รายงานสำหรับผู้ประสานงาน (PDF, HTML, CSV)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="103"/>
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="106"/>
        <source>Province (DOPA code or name; empty: the whole country)</source>
        <translation>จังหวัด (รหัสหรือชื่อ เว้นว่าง = ทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="110"/>
        <source>Campaign name (printed in the title)</source>
        <translation>ชื่อโครงการ (พิมพ์ในหัวเรื่อง)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="112"/>
        <source>Report date (YYYY-MM-DD; empty: today)</source>
        <translation>วันที่ของรายงาน (ค.ศ. ปปปป-ดด-วว เว้นว่าง = วันนี้)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="116"/>
        <source>Rows per table in the PDF (the CSV has all)</source>
        <translation>จำนวนแถวต่อตารางใน PDF (CSV มีครบทุกแถว)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="138"/>
        <source>Report folder</source>
        <translation>โฟลเดอร์รายงาน</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="140"/>
        <source>PDF report</source>
        <translation>รายงาน PDF</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="141"/>
        <source>HTML report</source>
        <translation>รายงาน HTML</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="142"/>
        <source>CSV tables</source>
        <translation>ตาราง CSV</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="143"/>
        <source>PDF pages</source>
        <translation>จำนวนหน้า PDF</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="155"/>
        <source>REPORT_DATE: &apos;{}&apos; is not a date; write it as YYYY-MM-DD (e.g. 2025-06-05), or leave it empty for today.</source>
        <translation>REPORT_DATE: '{}' ไม่ใช่วันที่ เขียนเป็น ปปปป-ดด-วว แบบ ค.ศ. (เช่น 2025-06-05) หรือเว้นว่างเพื่อใช้วันนี้</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="178"/>
        <source>INPUT has no pin of province {} ({}): choose the layer with that province&apos;s pins, or another PROVINCE.</source>
        <translation>INPUT ไม่มีหมุดของจังหวัด {} ({}): เลือกชั้นข้อมูลที่มีหมุดของจังหวัดนั้น หรือเลือก PROVINCE อื่น</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="186"/>
        <source>{} pins in the report</source>
        <translation>หมุดในรายงาน {} จุด</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="386"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="216"/>
        <source>BOUNDARIES has no tambon of province {}: choose a boundary layer that covers it.</source>
        <translation>BOUNDARIES ไม่มีตำบลของจังหวัด {}: เลือกชั้นข้อมูลขอบเขตที่ครอบคลุมจังหวัดนั้น</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="219"/>
        <source>Drawing the map</source>
        <translation>กำลังวาดแผนที่</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="309"/>
        <source>Exporting the PDF ({} pages)</source>
        <translation>กำลังส่งออก PDF ({} หน้า)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="342"/>
        <source>OUTPUT_FOLDER: the report cannot be written: {}</source>
        <translation>OUTPUT_FOLDER: เขียนรายงานไม่ได้: {}</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="394"/>
        <source>PROVINCE: give one province (a DOPA code such as 21), or leave it empty for the whole country.</source>
        <translation>PROVINCE: ระบุจังหวัดเดียว (รหัสกรมการปกครอง เช่น 21) หรือเว้นว่างสำหรับทั้งประเทศ</translation>
    </message>
    <message>
        <location filename="../processing/analysis/access_report.py" line="49"/>
        <source>ACCESS: INPUT has no pin of the type {} with a location, so the access page has nothing to measure to. Choose another POINT_TYPE, or leave ACCESS off.</source>
        <translation>ACCESS: INPUT ไม่มีหมุดประเภท {} ที่มีตำแหน่ง หน้าการเข้าถึงจึงไม่มีจุดให้วัดระยะไปถึง เลือก POINT_TYPE อื่น หรือไม่ต้องเพิ่มหน้าการเข้าถึง</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="121"/>
        <source>Add an access page: every tambon&apos;s distance to the nearest pin of the point type (access.csv)</source>
        <translation>เพิ่มหน้าการเข้าถึง: ระยะทางจากทุกตำบลถึงหมุดประเภทนั้นที่ใกล้ที่สุด (access.csv)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="124"/>
        <source>Access page: underserved beyond (km)</source>
        <translation>หน้าการเข้าถึง: ถือว่าเข้าถึงยากเมื่อไกลเกิน (กม.)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="252"/>
        <source>Measuring every tambon&apos;s distance to the nearest pin</source>
        <translation>กำลังวัดระยะทางจากทุกตำบลถึงหมุดที่ใกล้ที่สุด</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="84"/>
        <source>A report on one province (PROVINCE: DOPA code or name) or the whole country (empty): pins validated against the boundaries, findings per amphoe or province and per rule, and completeness of the campaign (what is expected: as in &apos;Campaign completeness&apos;). Writes report.pdf (a print layout: map of pins and findings over a completeness choropleth, tables, Thai fonts, dates in the Buddhist era), report.html (one self-contained page) and CSV tables into OUTPUT_FOLDER. The boundary attribution is printed under every map.
When the pins&apos; services are known (INPUT is a working copy with services, or SERVICES names one), a Zero Copy section follows: the share of service points that demand no copies per amphoe or province (a choropleth), the documents most often still demanded as copies, and the points with no services recorded.</source>
        <translation>รายงานของจังหวัดหนึ่ง (PROVINCE: รหัสหรือชื่อจังหวัด) หรือทั้งประเทศ (เว้นว่าง): หมุดที่ตรวจกับขอบเขตแล้ว ผลการตรวจรายอำเภอหรือจังหวัดและรายกฎ และความครบถ้วนของการปักหมุด (สิ่งที่ควรมี: เหมือน 'ความครบถ้วนของการปักหมุด') เขียน report.pdf (ผังพิมพ์: แผนที่หมุดและผลการตรวจบนแผนที่ความครบถ้วน ตาราง แบบอักษรไทย วันที่แบบพุทธศักราช) report.html (หน้าเดียวครบในตัว) และตาราง CSV ลงใน OUTPUT_FOLDER พิมพ์ที่มาของข้อมูลขอบเขตไว้ใต้แผนที่ทุกแผ่น
เมื่อทราบงานบริการของหมุด (INPUT เป็นสำเนาทำงานที่มีงานบริการ หรือระบุใน SERVICES) จะมีส่วน Zero Copy ต่อท้าย: สัดส่วนจุดให้บริการที่ไม่เรียกสำเนาเอกสารรายอำเภอหรือรายจังหวัด (แผนที่ระดับสี) เอกสารที่ยังเรียกสำเนาบ่อยที่สุด และจุดให้บริการที่ยังไม่บันทึกงานบริการ</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="266"/>
        <source>Zero Copy section: services from {}</source>
        <translation>ส่วน Zero Copy: งานบริการจาก {}</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="128"/>
        <source>Executive report on citizen feedback: the registry&apos;s URL (empty: no executive report)</source>
        <translation>รายงานผู้บริหารเรื่องความคิดเห็นประชาชน: URL ของทะเบียนกลาง (เว้นว่าง: ไม่ทำรายงานผู้บริหาร)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="131"/>
        <source>Executive report: first month (YYYY-MM; empty: 12 months ago)</source>
        <translation>รายงานผู้บริหาร: เดือนแรก (ปปปป-ดด ค.ศ.; เว้นว่าง: 12 เดือนก่อน)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="131"/>
        <source>Executive report: last month (YYYY-MM; empty: last month)</source>
        <translation>รายงานผู้บริหาร: เดือนสุดท้าย (ปปปป-ดด ค.ศ.; เว้นว่าง: เดือนที่แล้ว)</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="144"/>
        <source>Executive report on citizen feedback</source>
        <translation>รายงานผู้บริหารเรื่องความคิดเห็นประชาชน</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="334"/>
        <source>Writing the executive report on citizen feedback</source>
        <translation>กำลังเขียนรายงานผู้บริหารเรื่องความคิดเห็นประชาชน</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="375"/>
        <source>Reading the citizen feedback of {} to {} from {}</source>
        <translation>กำลังอ่านความคิดเห็นประชาชนช่วง {} ถึง {} จาก {}</translation>
    </message>
    <message>
        <location filename="../processing/report.py" line="95"/>
        <source>With FEEDBACK_REGISTRY (the registry&apos;s URL), executive.pdf too: what citizens said about the service points over whole months (FEEDBACK_FROM..FEEDBACK_TO; empty: the last 12): headline figures, a map by share satisfied, the trend by month and the complaints by category (charts), the best and worst points with enough responses, and Zero Copy in practice.</source>
        <translation>เมื่อระบุ FEEDBACK_REGISTRY (URL ของทะเบียนกลาง) จะสร้าง executive.pdf ด้วย: ความคิดเห็นของประชาชนต่อจุดให้บริการในช่วงเดือนเต็ม (FEEDBACK_FROM..FEEDBACK_TO; เว้นว่าง: 12 เดือนล่าสุด): ตัวเลขสำคัญ แผนที่ตามร้อยละผู้พอใจ แนวโน้มรายเดือนและเรื่องร้องเรียนตามประเภท (แผนภูมิ) จุดที่ดีที่สุดและควรปรับปรุงที่มีผู้ตอบเพียงพอ และ Zero Copy ในทางปฏิบัติ</translation>
    </message>
</context>
<context>
    <name>ValidateAlgorithm</name>
    <message>
        <location filename="../processing/validate.py" line="158"/>
        <source>Validate service points</source>
        <translation>ตรวจสอบจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="176"/>
        <source>Service points</source>
        <translation>จุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="180"/>
        <source>Findings</source>
        <translation>ผลการตรวจพบ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="182"/>
        <source>Findings per rule (JSON)</source>
        <translation>ผลการตรวจพบแยกตามกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="183"/>
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="184"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="185"/>
        <source>Pins checked</source>
        <translation>หมุดที่ตรวจ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="186"/>
        <source>Geometry engine used</source>
        <translation>เครื่องมือเรขาคณิตที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="236"/>
        <source>Reading {} pins column-wise (GDAL Arrow)</source>
        <translation>กำลังอ่านหมุด {} จุดแบบคอลัมน์ (GDAL Arrow)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="241"/>
        <source>Reprojecting the pins from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดหมุดจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="298"/>
        <source>Tambon code field: {}</source>
        <translation>ฟิลด์รหัสตำบล: {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="307"/>
        <source>Reprojecting the boundaries from {} to EPSG:4326</source>
        <translation>กำลังแปลงพิกัดขอบเขตจาก {} เป็น EPSG:4326</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="368"/>
        <source>{} boundary feature(s) have no valid tambon code in &apos;{}&apos;: pins inside them are reported as &apos;could not check&apos;.</source>
        <translation>รูปขอบเขต {} รูปไม่มีรหัสตำบลที่ถูกต้องในฟิลด์ '{}': หมุดที่อยู่ในรูปเหล่านั้นจะถูกรายงานว่า 'ตรวจสอบไม่ได้'</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="371"/>
        <source>{} pins, {} tambon polygons, engine {}</source>
        <translation>หมุด {} จุด รูปตำบล {} รูป เครื่องมือ {}</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="414"/>
        <source>{} errors, {} warnings</source>
        <translation>ข้อผิดพลาด {} รายการ คำเตือน {} รายการ</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="161"/>
        <source>Checks a service-point layer against a tambon boundary layer and DOPA&apos;s code list: geometry, coordinates (swapped, UTM numbers, outside Thailand), codes (malformed, unknown, abolished, not nesting), location against the declared province / amphoe / tambon, required attributes and duplicates. Writes one point per finding with its rule, severity (error blocks publishing, warning asks a person to look), a message in Thai and English, and a fix where one exists.
BOUNDARIES: tambon polygons with a DOPA code (HDX/RTSD ADM3_PCODE such as TH210101, or bare 6-digit codes); the field is detected, or choose it in CODE_FIELD.
TOLERANCE (metres): a pin outside its declared tambon by no more than this is a warning, not an error. The default {} m suits full-resolution boundaries; use 600 m (the measured P99 of simplified outlines against full resolution) with simplified ones (see docs/validation.md).</source>
        <translation>ตรวจชั้นข้อมูลจุดให้บริการกับชั้นข้อมูลขอบเขตตำบลและรายการรหัสของกรมการปกครอง: รูปเรขาคณิต พิกัด (สลับกัน ตัวเลข UTM อยู่นอกประเทศไทย) รหัส (ผิดรูปแบบ ไม่มีในบัญชี ถูกยกเลิก ไม่ซ้อนกันตามลำดับชั้น) ตำแหน่งเทียบกับจังหวัด / อำเภอ / ตำบลที่ระบุ ฟิลด์ที่ต้องกรอก และหมุดซ้ำ เขียนจุดหนึ่งจุดต่อผลการตรวจหนึ่งรายการ พร้อมกฎ ความรุนแรง (ข้อผิดพลาดทำให้เผยแพร่ไม่ได้ คำเตือนให้คนตรวจดู) ข้อความภาษาไทยและอังกฤษ และวิธีแก้ถ้ามี
BOUNDARIES: รูปปิดตำบลที่มีรหัสกรมการปกครอง (ADM3_PCODE ของ HDX/RTSD เช่น TH210101 หรือรหัส 6 หลัก) ตรวจหาฟิลด์ให้อัตโนมัติ หรือเลือกใน CODE_FIELD
TOLERANCE (เมตร): หมุดที่อยู่นอกตำบลที่ระบุไม่เกินระยะนี้จะได้รับคำเตือน ไม่ใช่ข้อผิดพลาด ค่าเริ่มต้น {} เมตรเหมาะกับขอบเขตความละเอียดเต็ม ใช้ 600 เมตร (ค่า P99 ที่วัดได้ของขอบเขตแบบย่อเทียบกับความละเอียดเต็ม) กับขอบเขตแบบย่อ (ดู docs/validation.md)</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="187"/>
        <source>Check the working copy&apos;s services, steps and documents too</source>
        <translation>ตรวจงานบริการ ขั้นตอน และเอกสารของสำเนาทำงานด้วย</translation>
    </message>
    <message>
        <location filename="../processing/validate.py" line="345"/>
        <source>Services of the working copy: {} services, {} steps, {} documents</source>
        <translation>งานบริการของสำเนาทำงาน: งานบริการ {} รายการ ขั้นตอน {} รายการ เอกสาร {} รายการ</translation>
    </message>
</context>
<context>
    <name>ValidateBatchAlgorithm</name>
    <message>
        <location filename="../processing/validate_batch.py" line="74"/>
        <source>Validate many layers (national batch)</source>
        <translation>ตรวจหลายชั้นข้อมูลพร้อมกัน (ทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="77"/>
        <source>Validates several service-point layers (one per province, or one national layer) in one run, with every rule of &apos;Validate service points&apos; and one boundary index. Writes one findings layer (with the layer and province of each finding) and a summary table with one row per province: pins, pins with errors, pins with warnings only, errors, warnings and the count of each rule. A pin is counted under the province it declares; a pin without a usable code under the province it lies in.</source>
        <translation>ตรวจชั้นข้อมูลจุดให้บริการหลายชั้น (จังหวัดละชั้น หรือชั้นเดียวทั้งประเทศ) ในครั้งเดียว ด้วยทุกกฎของ 'ตรวจสอบจุดให้บริการ' และดัชนีขอบเขตชุดเดียว เขียนชั้นข้อมูลผลการตรวจหนึ่งชั้น (ระบุชั้นข้อมูลและจังหวัดของแต่ละรายการ) และตารางสรุปจังหวัดละหนึ่งแถว: จำนวนหมุด หมุดที่มีข้อผิดพลาด หมุดที่มีเพียงคำเตือน ข้อผิดพลาด คำเตือน และจำนวนตามแต่ละกฎ หมุดนับตามจังหวัดที่ระบุ หมุดที่ไม่มีรหัสที่ใช้ได้นับตามจังหวัดที่ตั้งอยู่</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="86"/>
        <source>Service-point layers</source>
        <translation>ชั้นข้อมูลจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="90"/>
        <source>Findings</source>
        <translation>ผลการตรวจพบ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="92"/>
        <source>Summary per province</source>
        <translation>สรุปรายจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="94"/>
        <source>Findings per rule (JSON)</source>
        <translation>ผลการตรวจพบแยกตามกฎ (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="95"/>
        <source>Errors</source>
        <translation>ข้อผิดพลาด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="96"/>
        <source>Warnings</source>
        <translation>คำเตือน</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="97"/>
        <source>Pins checked</source>
        <translation>หมุดที่ตรวจ</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="98"/>
        <source>Layers read</source>
        <translation>จำนวนชั้นข้อมูลที่อ่าน</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="99"/>
        <source>Provinces</source>
        <translation>จำนวนจังหวัด</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="100"/>
        <source>Geometry engine used</source>
        <translation>เครื่องมือเรขาคณิตที่ใช้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="113"/>
        <source>INPUTS: no layer given. Choose the service-point layers to validate (one per province, or one national layer).</source>
        <translation>INPUTS: ยังไม่ได้เลือกชั้นข้อมูล เลือกชั้นข้อมูลจุดให้บริการที่จะตรวจ (จังหวัดละชั้น หรือชั้นเดียวทั้งประเทศ)</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="147"/>
        <source>Cancelled: nothing was written.</source>
        <translation>ยกเลิกแล้ว ไม่มีการเขียนผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="124"/>
        <source>Reading layer {} of {}: {}</source>
        <translation>กำลังอ่านชั้นข้อมูลที่ {} จาก {}: {}</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="127"/>
        <source>INPUTS layer &apos;{}&apos;</source>
        <translation>ชั้นข้อมูล INPUTS '{}'</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="135"/>
        <source>{} pins from {} layer(s), {} tambon polygons, engine {}</source>
        <translation>หมุด {} จุดจาก {} ชั้นข้อมูล รูปตำบล {} รูป เครื่องมือ {}</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="167"/>
        <source>OUTPUT: the findings layer cannot be created.</source>
        <translation>OUTPUT: สร้างชั้นข้อมูลผลการตรวจไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="172"/>
        <source>SUMMARY: the summary table cannot be created.</source>
        <translation>SUMMARY: สร้างตารางสรุปไม่ได้</translation>
    </message>
    <message>
        <location filename="../processing/validate_batch.py" line="199"/>
        <source>{} provinces, {} errors, {} warnings</source>
        <translation>{} จังหวัด ข้อผิดพลาด {} รายการ คำเตือน {} รายการ</translation>
    </message>
</context>
<context>
    <name>alg</name>
    <message>
        <location filename="../processing/common.py" line="116"/>
        <source>PROVINCES: &apos;{}&apos; is not a province: give DOPA province codes such as 21 (Rayong) or 10 (Bangkok), separated by commas, or leave it empty.</source>
        <translation>PROVINCES: '{}' ไม่ใช่จังหวัด ระบุรหัสจังหวัดของกรมการปกครอง เช่น 21 (ระยอง) หรือ 10 (กรุงเทพมหานคร) คั่นด้วยจุลภาค หรือเว้นว่าง</translation>
    </message>
    <message>
        <location filename="../processing/common.py" line="185"/>
        <source>{}: writing failed: {}</source>
        <translation>{}: เขียนไม่สำเร็จ: {}</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="156"/>
        <source>What is expected</source>
        <translation>สิ่งที่คาดว่าต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="156"/>
        <source>One pin of the point type in every tambon</source>
        <translation>หมุดประเภทนี้ตำบลละหนึ่งหมุด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="156"/>
        <source>The organisations of the expected list</source>
        <translation>หน่วยงานตามรายชื่อที่กำหนด</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="160"/>
        <source>Point type expected in every tambon</source>
        <translation>ประเภทจุดที่ทุกตำบลต้องมี</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="163"/>
        <source>Expected organisations (table: id, name, DOPA code, point type)</source>
        <translation>รายชื่อหน่วยงานที่ต้องมี (ตาราง: รหัส ชื่อ รหัสกรมการปกครอง ประเภทจุด)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="166"/>
        <source>Organisation id field</source>
        <translation>ฟิลด์รหัสหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="166"/>
        <source>Organisation name field</source>
        <translation>ฟิลด์ชื่อหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="166"/>
        <source>DOPA code field</source>
        <translation>ฟิลด์รหัสกรมการปกครอง</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="166"/>
        <source>Point type field</source>
        <translation>ฟิลด์ประเภทจุดให้บริการ</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="173"/>
        <source>Provinces (DOPA codes, comma-separated; empty: all the boundary layer covers)</source>
        <translation>จังหวัด (รหัสกรมการปกครอง คั่นด้วยจุลภาค เว้นว่าง = ทุกจังหวัดที่ชั้นข้อมูลขอบเขตครอบคลุม)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="176"/>
        <source>Tolerance (metres)</source>
        <translation>ระยะผ่อนปรน (เมตร)</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="189"/>
        <source>EXPECTED: &apos;What is expected&apos; is the list of organisations, but no list was given. Give a table with an id, a name, a DOPA code and a point type per organisation.</source>
        <translation>EXPECTED: เลือก 'สิ่งที่คาดว่าต้องมี' เป็นรายชื่อหน่วยงาน แต่ไม่ได้ให้รายชื่อ ให้ตารางที่มีรหัส ชื่อ รหัสกรมการปกครอง และประเภทจุดของแต่ละหน่วยงาน</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="200"/>
        <source>{}: the expected list has no field &apos;{}&apos;.</source>
        <translation>{}: รายชื่อที่ต้องมีไม่มีฟิลด์ '{}'</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="203"/>
        <source>EXPECTED: no DOPA code field found (looked for {}). Choose it in EXPECTED_CODE_FIELD.</source>
        <translation>EXPECTED: ไม่พบฟิลด์รหัสกรมการปกครอง (ค้นหา {}) เลือกใน EXPECTED_CODE_FIELD</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="223"/>
        <source>EXPECTED: {}. Correct the list and run again.</source>
        <translation>EXPECTED: {} แก้รายชื่อแล้วลองใหม่</translation>
    </message>
    <message>
        <location filename="../processing/completeness.py" line="242"/>
        <source>PROVINCES: the boundary layer covers none of {}. Choose a boundary layer that covers them.</source>
        <translation>PROVINCES: ชั้นข้อมูลขอบเขตไม่ครอบคลุม {} เลือกชั้นข้อมูลขอบเขตที่ครอบคลุม</translation>
    </message>
</context>
</TS>
