package sample

import "kindred/journal"

// A sample journal written mostly in Chinese, Japanese and Korean (kindred
// demo --cjk), for trying and measuring search in scripts that run their
// words together. Each evening is in one of the three languages; names and
// moment kinds are the usual sample's.

type language struct {
	openers []string // %s is who was there
	lines   map[string][]string
	generic []string // for a moment kind with no line of its own
	musings []string
	notes   []string
}

var cjkLanguages = []language{
	{ // Chinese
		openers: []string{"和%s一起吃晚饭。", "下班后和%s散步了很久。", "%s来家里喝茶。", "和%s喝咖啡，一聊就是三个小时。", "深夜和%s通了电话。", "心情3分。和%s见了一面。"},
		lines: map[string][]string{
			journal.KindDeepTalk:   {"我问他今年最骄傲的事，他认真地回答了。", "我们聊到了他的父亲。", "终于送走母亲，觉得一阵释然。"},
			journal.KindSharedBack: {"我也讲了自己怀疑一切的那一年。", "我承认我也有过同样的感觉。"},
			journal.KindListened:   {"我大部分时间都在听，没有急着给建议。", "让他把话说完，连沉默也没有打断。"},
			journal.KindLaughed:    {"我们笑到服务员过来看了一眼。", "说起山羊的故事又笑了半天 😂"},
			journal.KindInsideJoke: {"“小雨伞”这个梗正式成了我们俩的。"},
			journal.KindAdventure:  {"第一次去攀岩，我吓坏了。", "十月还去湖里游泳 🥶"},
			journal.KindTriedToFix: {"我太快给建议了。"},
		},
		generic: []string{"这周终于回到正轨了。", "感冒了，但还是出门了。", "今天的天气很好。"},
		musings: []string{"走回家的路上一直在想今晚为什么这么轻松。", "下次要记得问考试的事，他提了两次。", "我们认识这么久了，以前却说得那么少。", "提醒自己：少给建议，多提问题。"},
		notes:   []string{"他的哥哥", "搬去国外", "小雨伞", "攀岩"},
	},
	{ // Japanese
		openers: []string{"%sと晩ごはんを食べた。", "仕事のあと%sと長い散歩をした。", "%sがお茶を飲みに来た。", "%sとコーヒーを飲んで三時間も話した。", "夜遅くに%sと電話した。"},
		lines: map[string][]string{
			journal.KindDeepTalk:   {"今年いちばん誇らしかったことを聞いたら、ちゃんと答えてくれた。", "お父さんの話になった。"},
			journal.KindSharedBack: {"自分の迷っていた一年のことも話した。"},
			journal.KindListened:   {"ほとんど聞き役で、解決しようとしなかった。"},
			journal.KindLaughed:    {"店員さんが様子を見に来るほど笑った。", "ヤギの話でまた大笑いした 😂"},
			journal.KindInsideJoke: {"「小さな傘」は正式に二人だけのネタになった。"},
			journal.KindAdventure:  {"初めてのボルダリングで本当に怖かった。"},
		},
		generic: []string{"とても楽しかった。", "風邪気味だったけど会えてよかった。", "静かな夜だった。"},
		musings: []string{"帰り道、今夜はなぜこんなに話しやすかったのか考えていた。", "次は試験のことを聞こうと思う。", "自分へのメモ：アドバイスは少なく、質問を多く。"},
		notes:   []string{"お兄さんのこと", "海外への引っ越し", "小さな傘", "カヤック"},
	},
	{ // Korean
		openers: []string{"%s와 저녁을 먹었다.", "퇴근 후 %s와 오래 산책했다.", "%s가 차를 마시러 왔다.", "%s와 커피를 마시다가 세 시간이나 이야기했다.", "늦은 밤 %s와 통화했다."},
		lines: map[string][]string{
			journal.KindDeepTalk:   {"올해 가장 자랑스러운 일을 물었더니 진지하게 대답해 주었다.", "아버지 이야기가 나왔다."},
			journal.KindSharedBack: {"나도 힘들었던 한 해 이야기를 했다."},
			journal.KindListened:   {"거의 듣기만 하고 해결하려 하지 않았다."},
			journal.KindLaughed:    {"직원이 와서 볼 정도로 웃었다.", "염소 이야기로 또 한참 웃었다 😂"},
			journal.KindAdventure:  {"처음 클라이밍을 해 봤는데 정말 무서웠다."},
		},
		generic: []string{"정말 즐거웠다.", "감기 기운이 있었지만 만나서 좋았다.", "조용한 저녁이었다."},
		musings: []string{"집에 오는 길에 오늘 밤이 왜 이렇게 편했는지 생각했다.", "다음에는 시험 이야기를 물어봐야겠다.", "나에게 메모: 조언은 줄이고 질문은 늘리기."},
		notes:   []string{"그의 형", "해외 이사", "작은 우산", "카약"},
	},
}
