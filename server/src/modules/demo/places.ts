import type { Address } from "../customers/table.ts";
import type { SeededRandom } from "./random.ts";

/** A place customers are in: how its addresses and phone numbers look. */
export type Place = {
  country: string;
  region: string;
  city: string;
  chinese: boolean;
  /** Company name suffixes used there. */
  suffixes: readonly string[];
  address(random: SeededRandom): Address;
  phone(random: SeededRandom): string;
  /** A contact's mobile number there. */
  mobile(random: SeededRandom): string;
};

function chinaCity(region: string, city: string, areaCode: string, postal: string, streets: string[]): Place {
  return {
    country: "中国",
    region,
    city,
    chinese: true,
    suffixes: ["有限公司", "有限公司", "股份有限公司", "集团有限公司"],
    address: (r) => ({
      country: "中国",
      region,
      city,
      street: `${r.pick(streets)}${r.int(1, 999)}号`,
      postalCode: postal,
    }),
    phone: (r) => `+86 ${areaCode} ${r.int(5, 8)}${r.digits(3)} ${r.digits(4)}`,
    mobile: (r) => `+86 1${r.pick(["35", "36", "38", "39", "50", "58", "86", "89"])} ${r.digits(4)} ${r.digits(4)}`,
  };
}

function abroad(
  country: string,
  region: string,
  city: string,
  suffixes: string[],
  postal: string,
  street: (r: SeededRandom) => string,
  phone: (r: SeededRandom) => string,
  mobile: (r: SeededRandom) => string,
): Place {
  return {
    country,
    region,
    city,
    chinese: false,
    suffixes,
    address: (r) => ({ country, region, city, street: street(r), postalCode: postal }),
    phone,
    mobile,
  };
}

export const chinesePlaces: Place[] = [
  chinaCity("上海市", "上海", "21", "200120", [
    "浦东新区张江路",
    "徐汇区漕溪北路",
    "静安区南京西路",
    "闵行区莘庄工业区春东路",
  ]),
  chinaCity("北京市", "北京", "10", "100080", [
    "海淀区中关村大街",
    "朝阳区建国路",
    "东城区东直门南大街",
    "丰台区科学城富丰路",
  ]),
  chinaCity("广东省", "深圳", "755", "518057", [
    "南山区科技园科苑路",
    "福田区深南大道",
    "宝安区西乡街道宝源路",
    "龙岗区坂田街道",
  ]),
  chinaCity("广东省", "广州", "20", "510623", ["天河区珠江新城华夏路", "黄埔区科学大道", "越秀区环市东路"]),
  chinaCity("浙江省", "杭州", "571", "310052", ["滨江区网商路", "西湖区文三路", "余杭区文一西路"]),
  chinaCity("江苏省", "苏州", "512", "215021", ["工业园区星湖街", "高新区狮山路", "吴中区东吴北路"]),
  chinaCity("江苏省", "南京", "25", "210019", ["建邺区江东中路", "鼓楼区中山北路", "江宁区秣周东路"]),
  chinaCity("四川省", "成都", "28", "610041", ["高新区天府大道", "锦江区红星路", "武侯区人民南路"]),
  chinaCity("湖北省", "武汉", "27", "430074", ["东湖高新区光谷大道", "江汉区建设大道", "洪山区珞喻路"]),
  chinaCity("陕西省", "西安", "29", "710075", ["雁塔区高新路", "碑林区南大街", "未央区凤城八路"]),
];

const usStreet = (r: SeededRandom) =>
  `${r.int(10, 2999)} ${r.pick(["Market St", "Main St", "Mission St", "Oak Ave", "Park Blvd"])}`;
// 555-0100 to 555-0199 is the range North American numbering keeps for fiction.
const usPhone = (area: string) => (r: SeededRandom) => `+1 ${area} 555 01${r.digits(2)}`;
const germanMobile = (r: SeededRandom) => `+49 151 ${r.digits(8)}`;

export const foreignPlaces: Place[] = [
  abroad(
    "United States",
    "California",
    "San Francisco",
    ["Inc.", "LLC", "Corp."],
    "94105",
    usStreet,
    usPhone("415"),
    usPhone("628"),
  ),
  abroad(
    "United States",
    "New York",
    "New York",
    ["Inc.", "LLC", "Group"],
    "10001",
    usStreet,
    usPhone("212"),
    usPhone("917"),
  ),
  abroad("United States", "Washington", "Seattle", ["Inc.", "LLC"], "98101", usStreet, usPhone("206"), usPhone("425")),
  abroad(
    "Germany",
    "Bayern",
    "München",
    ["GmbH", "AG", "GmbH & Co. KG"],
    "80802",
    (r) => `${r.pick(["Leopoldstraße", "Maximilianstraße", "Landsberger Straße"])} ${r.int(1, 180)}`,
    (r) => `+49 89 ${r.digits(7)}`,
    germanMobile,
  ),
  abroad(
    "Germany",
    "Hamburg",
    "Hamburg",
    ["GmbH", "AG"],
    "20457",
    (r) => `${r.pick(["Am Sandtorkai", "Mönckebergstraße", "Große Elbstraße"])} ${r.int(1, 120)}`,
    (r) => `+49 40 ${r.digits(7)}`,
    germanMobile,
  ),
  abroad(
    "United Kingdom",
    "England",
    "London",
    ["Ltd", "PLC"],
    "EC2A 4NE",
    (r) => `${r.int(1, 240)} ${r.pick(["Old Street", "Bishopsgate", "King's Road"])}`,
    // 020 7946 0000 to 0999 is Ofcom's range for drama: never a real line.
    (r) => `+44 20 7946 0${r.digits(3)}`,
    // 07700 900000 to 900999: the same, for mobiles.
    (r) => `+44 7700 900${r.digits(3)}`,
  ),
  abroad(
    "Singapore",
    "Singapore",
    "Singapore",
    ["Pte. Ltd."],
    "018989",
    (r) => `${r.int(1, 80)} ${r.pick(["Marina Boulevard", "Raffles Place", "Anson Road"])}`,
    (r) => `+65 6${r.digits(3)} ${r.digits(4)}`,
    (r) => `+65 9${r.digits(3)} ${r.digits(4)}`,
  ),
  abroad(
    "Japan",
    "Tokyo",
    "Tokyo",
    ["K.K.", "Co., Ltd."],
    "100-0005",
    (r) => `${r.int(1, 9)}-${r.int(1, 20)}-${r.int(1, 30)} Marunouchi, Chiyoda-ku`,
    (r) => `+81 3 ${r.digits(4)} ${r.digits(4)}`,
    (r) => `+81 90 ${r.digits(4)} ${r.digits(4)}`,
  ),
];

/** The demo place of a city (a demo customer's address names one). */
export function placeIn(city: string | undefined): Place {
  const place = [...chinesePlaces, ...foreignPlaces].find((p) => p.city === city);
  if (!place) throw new Error(`no demo place ${city}`);
  return place;
}
